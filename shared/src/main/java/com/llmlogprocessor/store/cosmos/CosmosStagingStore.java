package com.llmlogprocessor.store.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.assemble.CallPieces;
import com.llmlogprocessor.assemble.ConversationStatus;
import com.llmlogprocessor.conversation.Times;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import com.llmlogprocessor.parse.GatewayLogRecord;
import com.llmlogprocessor.store.StagingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Staged pieces in the {@code staging} container (partition key {@code /correlationId}).
 * Item ids: {@code <cid>|llm|<seq>} per LLM record, {@code <cid>|gw} for the GatewayLogs half,
 * {@code <cid>|head} for the head. Every item carries a TTL, so leftovers expire on their own.
 */
public final class CosmosStagingStore implements StagingStore {
    /** Long past any grace period; keeps late pieces joinable for a week. */
    static final int TTL_SECONDS = (int) Duration.ofDays(7).toSeconds();

    private final CosmosContainer container;

    public CosmosStagingStore(CosmosContainer container) {
        this.container = container;
    }

    @Override
    public void stage(CallPieces pieces, Instant now) {
        String cid = pieces.correlationId();
        PartitionKey pk = new PartitionKey(cid);
        for (GatewayLlmRecord r : pieces.llm().values()) {
            ObjectNode item = item(cid, cid + "|llm|" + r.sequenceNumber(), "llm");
            item.set("record", Json.MAPPER.valueToTree(r));
            container.upsertItem(item, pk, new CosmosItemRequestOptions());
        }
        if (pieces.gateway() != null) {
            upsertGateway(pieces.gateway(), now);
        }
        ObjectNode head = item(cid, cid + "|head", "head");
        head.put("pending", true);
        head.put("lastSeen", Times.format(now));
        container.upsertItem(head, pk, new CosmosItemRequestOptions());
    }

    @Override
    public Staged load(String correlationId) {
        CallPieces pieces = new CallPieces(correlationId);
        String headVersion = null;
        SqlQuerySpec q = new SqlQuerySpec("SELECT * FROM c WHERE c.correlationId = @cid",
                List.of(new SqlParameter("@cid", correlationId)));
        CosmosQueryRequestOptions opts = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(correlationId));
        for (ObjectNode item : container.queryItems(q, opts, ObjectNode.class)) {
            switch (item.path("kind").asText()) {
                case "llm" -> pieces.add(read(item.get("record"), GatewayLlmRecord.class));
                case "gw" -> pieces.add(read(item.get("record"), GatewayLogRecord.class));
                case "head" -> headVersion = item.path("_etag").asText(null);
                default -> { }
            }
        }
        return new Staged(pieces, headVersion);
    }

    @Override
    public Optional<GatewayLogRecord> stagedGateway(String correlationId) {
        return gatewayItem(correlationId).map(item -> read(item.get("record"), GatewayLogRecord.class));
    }

    private Optional<ObjectNode> gatewayItem(String correlationId) {
        try {
            return Optional.of(container.readItem(correlationId + "|gw", new PartitionKey(correlationId), ObjectNode.class)
                    .getItem());
        } catch (CosmosException e) {
            if (CosmosContainers.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void stageGateway(GatewayLogRecord record, Instant now) {
        upsertGateway(record, now);
    }

    private void upsertGateway(GatewayLogRecord g, Instant now) {
        ObjectNode item = item(g.correlationId(), g.correlationId() + "|gw", "gw");
        item.set("record", Json.MAPPER.valueToTree(g));
        item.put("stagedAt", Times.format(now));
        item.put("checked", false);
        container.upsertItem(item, new PartitionKey(g.correlationId()), new CosmosItemRequestOptions());
    }

    @Override
    public boolean markFinalised(String correlationId, ConversationStatus status, Instant now, String headVersion) {
        ObjectNode head = item(correlationId, correlationId + "|head", "head");
        head.put("pending", false);
        head.put("finalised", status.wireName());
        head.put("finalisedAt", Times.format(now));
        head.put("lastSeen", Times.format(now));
        CosmosItemRequestOptions opts = new CosmosItemRequestOptions();
        try {
            if (headVersion == null) {
                container.upsertItem(head, new PartitionKey(correlationId), opts);
            } else {
                container.replaceItem(head, head.get("id").asText(), new PartitionKey(correlationId),
                        opts.setIfMatchETag(headVersion));
            }
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == 412 || CosmosContainers.isNotFound(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<String> idlePending(Instant cutoff, int max) {
        return oldest("c.kind = 'head' AND c.pending = true AND c.lastSeen < @cutoff ORDER BY c.lastSeen", cutoff, max)
                .stream().map(n -> n.get("correlationId").asText()).toList();
    }

    @Override
    public List<GatewayLogRecord> uncheckedGateways(Instant cutoff, int max) {
        return oldest("c.kind = 'gw' AND c.checked = false AND c.stagedAt < @cutoff ORDER BY c.stagedAt", cutoff, max)
                .stream().map(n -> read(n.get("record"), GatewayLogRecord.class)).toList();
    }

    /** Up to {@code max} staging items matching the condition (which orders by a time before the cutoff). */
    private List<ObjectNode> oldest(String condition, Instant cutoff, int max) {
        SqlQuerySpec q = new SqlQuerySpec("SELECT TOP @max * FROM c WHERE " + condition,
                List.of(new SqlParameter("@max", max), new SqlParameter("@cutoff", Times.format(cutoff))));
        List<ObjectNode> out = new ArrayList<>();
        container.queryItems(q, new CosmosQueryRequestOptions(), ObjectNode.class).forEach(out::add);
        return out;
    }

    @Override
    public void markGatewayChecked(String correlationId, Instant now) {
        gatewayItem(correlationId).ifPresent(item -> {
            item.put("checked", true);
            item.put("checkedAt", Times.format(now));
            container.upsertItem(item, new PartitionKey(correlationId), new CosmosItemRequestOptions());
        });
    }

    private static ObjectNode item(String cid, String id, String kind) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", id);
        n.put("correlationId", cid);
        n.put("kind", kind);
        n.put("ttl", TTL_SECONDS);
        return n;
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("staged item of " + type.getSimpleName() + " does not read back", e);
        }
    }
}
