package com.llmlogprocessor.query;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.conversation.Times;
import com.llmlogprocessor.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Usage per day, kept exact under redelivery by <b>recomputing</b> instead of incrementing (see
 * docs/usage-rollups.md). In the {@code rollups} container, partition {@code usage}:
 * <ul>
 *   <li>{@code usage|<day>}: the day's rows per dimension, computed from that day's conversation
 *       documents (a projection of the few fields needed, aggregated here: no GROUP BY needed);</li>
 *   <li>{@code dirty|<day>}: written after every batch that wrote a document of that day.</li>
 * </ul>
 * A usage query first recomputes the dirty days in its range, then reads the rollups of the whole
 * days in range and computes the partial edge days live. Same documents give the same rollup, so a
 * redelivered batch (documents upserted again, the day marked again) cannot double count.
 */
public final class UsageRollups {
    public static final String PK = "usage";
    /**
     * A dirty marker is only removed once it is this old: a document written by another instance
     * just before the marker may not yet be visible to this instance's query (session
     * consistency), so a fresh marker keeps the day recomputing until writes have settled.
     */
    static final Duration SETTLE = Duration.ofSeconds(30);
    static final String UNKNOWN = "(unknown)";
    private static final String PROJECTION = "SELECT c.id, c.day, c.model, c.deployment,"
            + " c.caller.subscriptionId AS subscriptionId, c.caller.productId AS productId, c.caller.userId AS userId,"
            + " c.tokens, c.cost.amount AS cost FROM c";

    private final CosmosContainer rollups;
    private final CosmosContainer conversations;
    private final Clock clock;

    public UsageRollups(CosmosContainer rollups, CosmosContainer conversations, Clock clock) {
        this.rollups = rollups;
        this.conversations = conversations;
        this.clock = clock;
    }

    /** Called by the ingest pipeline (through its batch listener) after the documents are written. */
    public void markDirty(Set<String> days) {
        String now = Times.format(clock.instant());
        for (String day : days) {
            ObjectNode marker = Json.MAPPER.createObjectNode();
            marker.put("id", "dirty|" + day);
            marker.put("pk", PK);
            marker.put("kind", "dirty");
            marker.put("day", day);
            marker.put("markedAt", now);
            rollups.upsertItem(marker, new PartitionKey(PK), new CosmosItemRequestOptions());
        }
    }

    /** Rows for the range, sorted by key. */
    public List<ObjectNode> usage(TimeRange range, GroupBy groupBy) {
        String firstDay = range.firstDay() == null ? "0000-01-01" : range.firstDay();
        String lastDay = range.lastDay() == null ? "9999-12-31" : range.lastDay();
        recomputeDirty(firstDay, lastDay);

        Map<String, UsageTotals> rows = new TreeMap<>();
        SqlQuerySpec q = new SqlQuerySpec("SELECT * FROM c WHERE c.kind = 'day' AND c.day >= @first AND c.day <= @last",
                List.of(new SqlParameter("@first", firstDay), new SqlParameter("@last", lastDay)));
        // Edge days: only part of the day is asked for, so their documents are counted live.
        Set<String> edgeDays = new TreeSet<>();
        if (range.from() != null && !range.coversDay(LocalDate.parse(firstDay))) {
            edgeDays.add(firstDay);
        }
        if (range.to() != null && !range.coversDay(LocalDate.parse(lastDay))) {
            edgeDays.add(lastDay);
        }
        for (ObjectNode rollup : rollups.queryItems(q, partition(), ObjectNode.class)) {
            String day = rollup.path("day").asText();
            if (edgeDays.contains(day)) {
                continue;
            }
            if (groupBy == GroupBy.DAY) {
                merge(rows, day, UsageTotals.fromStored(rollup.path("total")));
            } else {
                for (JsonNode r : rollup.path("groups").path(groupBy.wireName())) {
                    merge(rows, r.path("key").asText(), UsageTotals.fromStored(r));
                }
            }
        }
        for (String day : edgeDays) {
            List<SqlParameter> params = new ArrayList<>(List.of(new SqlParameter("@day", day)));
            StringBuilder sql = new StringBuilder(PROJECTION).append(" WHERE c.day = @day");
            range.appendConditions(sql, params);
            for (ObjectNode d : conversations.queryItems(new SqlQuerySpec(sql.toString(), params),
                    new CosmosQueryRequestOptions(), ObjectNode.class)) {
                String key = groupBy == GroupBy.DAY ? day : keyOf(d, groupBy);
                rows.computeIfAbsent(key, k -> new UsageTotals()).addConversation(d.path("tokens"), d.get("cost"));
            }
        }
        List<ObjectNode> out = new ArrayList<>(rows.size());
        rows.forEach((k, v) -> {
            if (v.requests() > 0) {
                out.add(v.toRow(k));
            }
        });
        return out;
    }

    private void recomputeDirty(String firstDay, String lastDay) {
        SqlQuerySpec q = new SqlQuerySpec("SELECT * FROM c WHERE c.kind = 'dirty' AND c.day >= @first AND c.day <= @last",
                List.of(new SqlParameter("@first", firstDay), new SqlParameter("@last", lastDay)));
        for (ObjectNode marker : rollups.queryItems(q, partition(), ObjectNode.class)) {
            String etag = marker.path("_etag").asText(null);
            recompute(marker.path("day").asText());
            Instant markedAt = Instant.parse(marker.path("markedAt").asText());
            if (etag != null && markedAt.plus(SETTLE).isBefore(clock.instant())) {
                try {
                    // Only if nobody marked the day again since we read the marker.
                    rollups.deleteItem(marker.path("id").asText(), new PartitionKey(PK),
                            new CosmosItemRequestOptions().setIfMatchETag(etag));
                } catch (CosmosException e) {
                    if (e.getStatusCode() != 412 && e.getStatusCode() != 404) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Rebuilds the rollup of one day from its documents; deterministic for the same documents. */
    public void recompute(String day) {
        Map<GroupBy, Map<String, UsageTotals>> groups = new EnumMap<>(GroupBy.class);
        UsageTotals total = new UsageTotals();
        SqlQuerySpec q = new SqlQuerySpec(PROJECTION + " WHERE c.day = @day", List.of(new SqlParameter("@day", day)));
        for (ObjectNode d : conversations.queryItems(q, new CosmosQueryRequestOptions(), ObjectNode.class)) {
            total.addConversation(d.path("tokens"), d.get("cost"));
            for (GroupBy g : GroupBy.values()) {
                if (g != GroupBy.DAY) {
                    groups.computeIfAbsent(g, k -> new TreeMap<>()).computeIfAbsent(keyOf(d, g), k -> new UsageTotals())
                            .addConversation(d.path("tokens"), d.get("cost"));
                }
            }
        }
        ObjectNode rollup = Json.MAPPER.createObjectNode();
        rollup.put("id", "usage|" + day);
        rollup.put("pk", PK);
        rollup.put("kind", "day");
        rollup.put("day", day);
        rollup.set("total", total.toStored(day));
        ObjectNode g = rollup.putObject("groups");
        for (GroupBy dim : GroupBy.values()) {
            if (dim != GroupBy.DAY) {
                ArrayNode rows = g.putArray(dim.wireName());
                groups.getOrDefault(dim, Map.of()).forEach((k, v) -> rows.add(v.toStored(k)));
            }
        }
        rollups.upsertItem(rollup, new PartitionKey(PK), new CosmosItemRequestOptions());
    }

    static String keyOf(JsonNode d, GroupBy g) {
        String field = switch (g) {
            case SUBSCRIPTION -> "subscriptionId";
            case MODEL -> "model";
            case DEPLOYMENT -> "deployment";
            case PRODUCT -> "productId";
            case USER -> "userId";
            case DAY -> "day";
        };
        JsonNode v = d.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? UNKNOWN : v.asText();
    }

    private static void merge(Map<String, UsageTotals> rows, String key, UsageTotals t) {
        rows.computeIfAbsent(key, k -> new UsageTotals()).add(t);
    }

    private static CosmosQueryRequestOptions partition() {
        return new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(PK));
    }
}
