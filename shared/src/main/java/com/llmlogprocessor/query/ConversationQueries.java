package com.llmlogprocessor.query;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.store.ContentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads conversation documents for the lookup API: one by correlation id (a point read, contents
 * hydrated from Blob), and filtered summary pages newest first with keyset continuation tokens.
 * Query text is fixed per combination of filters; every value is a {@link SqlParameter}.
 */
public final class ConversationQueries {
    static final List<String> SYSTEM_FIELDS = List.of("_rid", "_self", "_etag", "_attachments", "_ts", "_lsn");

    private final CosmosContainer conversations;
    private final ContentStore content;

    public ConversationQueries(CosmosContainer conversations, ContentStore content) {
        this.conversations = conversations;
        this.content = content;
    }

    /** A page of summaries; {@code next} is null on the last page. */
    public record Page(List<ObjectNode> items, PageToken next) {
    }

    /**
     * The stored document without Cosmos system fields. With {@code withContent}, contents archived
     * to Blob are put back into {@code messages}; without it every text is removed (messages,
     * previews, question text).
     */
    public Optional<ObjectNode> get(String correlationId, boolean withContent) {
        ObjectNode doc;
        try {
            doc = conversations.readItem(correlationId, new PartitionKey(correlationId), ObjectNode.class).getItem();
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        if (doc == null) {
            return Optional.empty();
        }
        doc.remove(SYSTEM_FIELDS);
        if (withContent) {
            hydrate(doc, "request");
            hydrate(doc, "response");
        } else {
            withoutText(doc);
        }
        return Optional.of(doc);
    }

    private void hydrate(ObjectNode doc, String side) {
        JsonNode part = doc.get(side);
        String blob = doc.path("archive").path(side).asText(null);
        if (!(part instanceof ObjectNode p) || !p.path("archived").asBoolean(false) || blob == null) {
            return;
        }
        Optional<byte[]> bytes = content.get(blob);
        if (bytes.isEmpty()) {
            p.put("archiveMissing", true); // keep the preview: better than nothing, and says so
            return;
        }
        if (blob.endsWith(".txt")) {
            // fragments that did not parse (a hole, or APIM's size cap): the text as logged
            p.put("unparsed", new String(bytes.get(), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            try {
                p.set("messages", Json.MAPPER.readTree(bytes.get()));
            } catch (IOException e) {
                throw new UncheckedIOException("content blob " + blob + " is not JSON", e);
            }
        }
        p.remove("preview");
    }

    /** Removes prompt/response text: messages, previews and the question text. */
    public static void withoutText(ObjectNode doc) {
        for (String side : List.of("request", "response")) {
            if (doc.get(side) instanceof ObjectNode p) {
                p.remove("messages");
                p.remove("preview");
                p.remove("unparsed");
            }
        }
        if (doc.get("question") instanceof ObjectNode q) {
            q.remove("text");
        }
    }

    public Page list(ConversationFilter f, boolean withText) {
        StringBuilder sql = new StringBuilder("SELECT TOP @top c.id, c.timestamp, c.status, c.model, c.deployment,"
                + " c.caller.subscriptionId AS subscriptionId, c.tokens, c.cost, c.flags, c.question.text AS questionText"
                + " FROM c WHERE IS_DEFINED(c.timestamp)");
        List<SqlParameter> params = new ArrayList<>();
        params.add(new SqlParameter("@top", f.limit() + 1));
        f.range().appendConditions(sql, params);
        if (f.subscriptionId() != null) {
            sql.append(" AND c.caller.subscriptionId = @subscriptionId");
            params.add(new SqlParameter("@subscriptionId", f.subscriptionId()));
        }
        if (f.model() != null) {
            sql.append(" AND c.model = @model");
            params.add(new SqlParameter("@model", f.model()));
        }
        if (f.deployment() != null) {
            sql.append(" AND c.deployment = @deployment");
            params.add(new SqlParameter("@deployment", f.deployment()));
        }
        if (f.status() != null) {
            sql.append(" AND c.status = @status");
            params.add(new SqlParameter("@status", f.status()));
        }
        if (f.flag() != null) {
            if (f.flag().type() == null) {
                sql.append(" AND EXISTS(SELECT VALUE x FROM x IN c.flags WHERE x.category = @flagCategory)");
            } else {
                sql.append(" AND EXISTS(SELECT VALUE x FROM x IN c.flags WHERE x.category = @flagCategory AND x.type = @flagType)");
                params.add(new SqlParameter("@flagType", f.flag().type()));
            }
            params.add(new SqlParameter("@flagCategory", f.flag().category()));
        }
        if (f.after() != null) {
            sql.append(" AND (c.timestamp < @afterTs OR (c.timestamp = @afterTs AND c.id < @afterId))");
            params.add(new SqlParameter("@afterTs", f.after().timestamp()));
            params.add(new SqlParameter("@afterId", f.after().id()));
        }
        // (timestamp, id) is a total order, so the keyset token resumes exactly; in Azure this
        // needs the composite index (/timestamp DESC, /id DESC) declared in infra/app/cosmos.bicep.
        sql.append(" ORDER BY c.timestamp DESC, c.id DESC");

        List<ObjectNode> rows = new ArrayList<>(f.limit() + 1);
        for (ObjectNode row : conversations.queryItems(new SqlQuerySpec(sql.toString(), params),
                new CosmosQueryRequestOptions(), ObjectNode.class)) {
            rows.add(row);
            if (rows.size() > f.limit()) {
                break;
            }
        }
        PageToken next = null;
        if (rows.size() > f.limit()) {
            rows = rows.subList(0, f.limit());
            ObjectNode last = rows.get(rows.size() - 1);
            next = new PageToken(last.path("timestamp").asText(), last.path("id").asText());
        }
        List<ObjectNode> items = new ArrayList<>(rows.size());
        for (ObjectNode r : rows) {
            items.add(summary(r, withText));
        }
        return new Page(items, next);
    }

    private static ObjectNode summary(ObjectNode r, boolean withText) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.set("id", r.get("id"));
        copy(r, s, "timestamp", "status", "model", "deployment");
        if (r.hasNonNull("subscriptionId")) {
            s.putObject("caller").set("subscriptionId", r.get("subscriptionId"));
        }
        copy(r, s, "tokens", "cost");
        s.set("flags", r.get("flags") instanceof ArrayNode a ? a : Json.MAPPER.createArrayNode());
        if (withText && r.hasNonNull("questionText")) {
            s.putObject("question").set("text", r.get("questionText"));
        }
        return s;
    }

    private static void copy(ObjectNode from, ObjectNode to, String... fields) {
        for (String f : fields) {
            if (from.hasNonNull(f)) {
                to.set(f, from.get(f));
            }
        }
    }
}
