package com.llmlogprocessor.query;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.json.Json;
import java.time.Clock;
import java.util.List;

/**
 * The body of {@code /api/health}: exact conversation counts by status (COUNT queries) and the
 * approximate ingestion counters of {@link HealthCounters}. Throws when Cosmos DB cannot be
 * reached; the function answers 503 then.
 */
public final class HealthReport {
    private final CosmosContainer conversations;
    private final HealthCounters counters;
    private final Clock clock;

    public HealthReport(CosmosContainer conversations, HealthCounters counters, Clock clock) {
        this.conversations = conversations;
        this.counters = counters;
        this.clock = clock;
    }

    public ObjectNode report() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("status", "ok");
        out.put("time", com.llmlogprocessor.conversation.Times.format(clock.instant()));
        ObjectNode byStatus = out.putObject("conversations");
        long total = 0;
        for (String status : List.of("complete", "partial", "no_response")) {
            long n = 0;
            for (Long v : conversations.queryItems(new SqlQuerySpec("SELECT VALUE COUNT(1) FROM c WHERE c.status = @s",
                    List.of(new SqlParameter("@s", status))), new CosmosQueryRequestOptions(), Long.class)) {
                n += v == null ? 0 : v;
            }
            byStatus.put(status, n);
            total += n;
        }
        byStatus.put("total", total);
        ObjectNode ingest = counters.totals();
        ingest.put("note", "counted per batch; a redelivered batch counts again (approximate)");
        out.set("ingest", ingest);
        return out;
    }
}
