package com.llmlogprocessor.local.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.functions.LookupFunctions;
import com.llmlogprocessor.ingest.BatchResult;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.local.http.LocalHttpRequest;
import com.llmlogprocessor.local.http.LocalHttpResponse;
import com.llmlogprocessor.store.cosmos.CosmosContainers;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Calls the real function methods with local requests and reads their JSON answers. */
final class LookupSupport {
    private static final LookupFunctions FUNCTIONS = new LookupFunctions();

    private LookupSupport() {
    }

    record Answer(int status, JsonNode body) {
        Answer expect(int code) {
            assertThat(status).as(body.toString()).isEqualTo(code);
            return this;
        }
    }

    static Answer get(String pathAndQuery) {
        return get(pathAndQuery, Map.of());
    }

    /** Routes {@code /api/...} to the function method, as the host would. */
    static Answer get(String pathAndQuery, Map<String, String> headers) {
        LocalHttpRequest req = LocalHttpRequest.get(pathAndQuery, headers);
        String path = req.getUri().getRawPath();
        HttpResponseMessage resp;
        if (path.equals("/api/conversations")) {
            resp = FUNCTIONS.listConversations(req, null);
        } else if (path.startsWith("/api/conversations/")) {
            String id = java.net.URLDecoder.decode(path.substring("/api/conversations/".length()), StandardCharsets.UTF_8);
            resp = FUNCTIONS.getConversation(req, id, null);
        } else if (path.equals("/api/usage")) {
            resp = FUNCTIONS.usage(req, null);
        } else if (path.equals("/api/questions/top")) {
            resp = FUNCTIONS.topQuestions(req, null);
        } else if (path.equals("/api/health")) {
            resp = FUNCTIONS.health(req, null);
        } else if (path.equals("/api/openapi.json")) {
            resp = FUNCTIONS.openApi(req, null);
        } else {
            throw new IllegalArgumentException(path);
        }
        String text = ((LocalHttpResponse) resp).bodyText();
        assertThat(resp.getHeader("Content-Type")).isEqualTo("application/json");
        try {
            // amounts compared exactly: read them as decimals, not doubles
            return new Answer(resp.getStatusCode(), Json.MAPPER.reader()
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static BatchResult ingest(List<String> bodies, String partition, long firstSeq, int batchSize) {
        BatchResult total = new BatchResult();
        for (int i = 0; i < bodies.size(); i += batchSize) {
            List<EventBody> batch = new ArrayList<>();
            for (int j = i; j < Math.min(bodies.size(), i + batchSize); j++) {
                batch.add(new EventBody(bodies.get(j), partition, firstSeq + j, Instant.parse("2026-06-01T00:00:00Z")));
            }
            total.add(AppContext.get().pipeline().ingest(batch));
        }
        return total;
    }

    static CosmosContainer conversations() {
        return AppContext.get().database().getContainer(CosmosContainers.CONVERSATIONS);
    }

    static List<ObjectNode> allDocuments() {
        return conversations().queryItems(new SqlQuerySpec("SELECT * FROM c"), new CosmosQueryRequestOptions(),
                ObjectNode.class).stream().toList();
    }

    /** Walks every page of a list query; fails on a repeated id. */
    static List<String> pageIds(String query, int limit, List<Integer> pageSizes) {
        List<String> ids = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 500; page++) {
            String url = "/api/conversations?limit=" + limit + (query.isEmpty() ? "" : "&" + query)
                    + (token == null ? "" : "&continuationToken=" + enc(token));
            JsonNode body = get(url).expect(200).body();
            body.path("items").forEach(n -> ids.add(n.path("id").asText()));
            if (pageSizes != null) {
                pageSizes.add(body.path("items").size());
            }
            token = body.path("continuationToken").isNull() ? null : body.path("continuationToken").asText();
            if (token == null) {
                assertThat(ids).doesNotHaveDuplicates();
                return ids;
            }
        }
        throw new AssertionError("too many pages");
    }
}
