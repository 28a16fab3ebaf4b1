package com.llmlogprocessor.query;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.conversation.Times;
import com.llmlogprocessor.ingest.BatchResult;
import com.llmlogprocessor.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Ingestion counters for {@code /api/health}: one document per Event Hub partition (and one for
 * the sweeper) in {@code rollups}, partition {@code health}, to which every batch adds its counts.
 * <b>Approximate under redelivery</b>: a batch that is retried after its counts were added counts
 * twice. That is acceptable for a health view; exact figures come from the documents
 * ({@link HealthReport} counts conversations by status exactly, usage uses recomputed rollups).
 */
public final class HealthCounters {
    public static final String PK = "health";
    static final List<String> COUNTS = List.of("batches", "bodies", "records", "llmRecords", "gatewayRecords",
            "otherCategoryRecords", "rejectedRecords", "probes", "deadLettered", "staged", "gatewayJoinedLate",
            "failedConversations");

    private final CosmosContainer rollups;

    public HealthCounters(CosmosContainer rollups) {
        this.rollups = rollups;
    }

    /** Adds a batch's counts (optimistic concurrency: two writers to one partition never lose an add). */
    public void add(String source, BatchResult r, Instant now) {
        String id = "health|" + source;
        PartitionKey pk = new PartitionKey(PK);
        for (int attempt = 0; attempt < 10; attempt++) {
            ObjectNode doc;
            String etag = null;
            try {
                CosmosItemResponse<ObjectNode> read = rollups.readItem(id, pk, ObjectNode.class);
                doc = read.getItem();
                etag = read.getETag();
            } catch (CosmosException e) {
                if (e.getStatusCode() != 404) {
                    throw e;
                }
                doc = Json.MAPPER.createObjectNode();
                doc.put("id", id);
                doc.put("pk", PK);
                doc.put("source", source);
            }
            long[] add = {1, r.bodies(), r.records(), r.llmRecords(), r.gatewayRecords(), r.otherCategoryRecords(),
                    r.rejectedRecords(), r.probes(), r.deadLettered(), r.staged(), r.gatewayJoinedLate(),
                    r.failedConversations()};
            for (int i = 0; i < COUNTS.size(); i++) {
                doc.put(COUNTS.get(i), doc.path(COUNTS.get(i)).asLong(0) + add[i]);
            }
            ObjectNode byStatus = doc.with("conversationsWritten");
            for (Map.Entry<String, Integer> e : r.conversationsByStatus().entrySet()) {
                byStatus.put(e.getKey(), byStatus.path(e.getKey()).asLong(0) + e.getValue());
            }
            String last = doc.path("lastBatchAt").asText(null);
            String nowText = Times.format(now);
            if (last == null || last.compareTo(nowText) < 0) {
                doc.put("lastBatchAt", nowText);
            }
            try {
                if (etag == null) {
                    rollups.createItem(doc, pk, new CosmosItemRequestOptions());
                } else {
                    rollups.replaceItem(doc, id, pk, new CosmosItemRequestOptions().setIfMatchETag(etag));
                }
                return;
            } catch (CosmosException e) {
                if (e.getStatusCode() != 412 && e.getStatusCode() != 409) {
                    throw e;
                }
            }
        }
        // Contended ten times in a row: drop this add rather than fail the batch (counters are approximate).
    }

    /** The sum over all partitions; zeros and no time when nothing was counted yet. */
    public ObjectNode totals() {
        ObjectNode total = Json.MAPPER.createObjectNode();
        COUNTS.forEach(c -> total.put(c, 0L));
        ObjectNode byStatus = Json.MAPPER.createObjectNode();
        String last = null;
        int sources = 0;
        for (ObjectNode d : rollups.queryItems(new SqlQuerySpec("SELECT * FROM c"),
                new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(PK)), ObjectNode.class)) {
            sources++;
            COUNTS.forEach(c -> total.put(c, total.path(c).asLong() + d.path(c).asLong(0)));
            for (var it = d.path("conversationsWritten").fields(); it.hasNext(); ) {
                var e = it.next();
                byStatus.put(e.getKey(), byStatus.path(e.getKey()).asLong(0) + e.getValue().asLong(0));
            }
            String t = d.path("lastBatchAt").asText(null);
            if (t != null && (last == null || t.compareTo(last) > 0)) {
                last = t;
            }
        }
        total.set("conversationsWritten", byStatus);
        total.put("sources", sources);
        if (last == null) {
            total.putNull("lastIngestAt");
        } else {
            total.put("lastIngestAt", last);
        }
        return total;
    }

    static long value(JsonNode n) {
        return n == null ? 0 : n.asLong(0);
    }
}
