package com.llmlogprocessor.functions;

import com.azure.cosmos.CosmosException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.query.Access;
import com.llmlogprocessor.query.ConversationFilter;
import com.llmlogprocessor.query.ConversationQueries;
import com.llmlogprocessor.query.FlagFilter;
import com.llmlogprocessor.query.GroupBy;
import com.llmlogprocessor.query.InvalidParameterException;
import com.llmlogprocessor.query.PageToken;
import com.llmlogprocessor.query.QueryParameters;
import com.llmlogprocessor.query.TimeRange;
import com.llmlogprocessor.query.TopQuestions;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Level;

/**
 * The lookup API (routes and answers: DESIGN.md, {@code openapi.json}). Each method parses and
 * validates parameters, calls the read side ({@link com.llmlogprocessor.query}) and maps the result
 * to JSON; bad parameters answer 400 {@code {"error": "parameter 'x': ..."}}.
 *
 * <p>Settings: everything {@link com.llmlogprocessor.config.Settings} reads; {@code WEBSITE_AUTH_ENABLED}
 * (set by the platform when App Service authentication is on) switches on the app-role checks of
 * {@link Access}: {@code LlmLogs.Read} for anything, {@code LlmLogs.ReadContent} for texts.
 *
 * <p>Auth level FUNCTION (a function or host key) on every route except {@code health}, which is
 * ANONYMOUS so uptime probes and load balancers can call it without a key: it returns counts and
 * times only, never ids, names or text.
 *
 * <p>Example: {@code GET /api/conversations?model=gpt-4o&flag=pii.email&limit=50}.
 */
public class LookupFunctions {
    /** The query parameters each route accepts; anything else is a 400 (a typo must not silently widen a filter). */
    static final Map<String, List<String>> QUERY_PARAMETERS = Map.of(
            "conversations/{correlationId}", List.of("content"),
            "conversations", List.of("from", "to", "subscriptionId", "model", "deployment", "flag", "status", "limit",
                    "continuationToken"),
            "usage", List.of("from", "to", "groupBy"),
            "questions/top", List.of("from", "to", "limit"),
            "health", List.of(),
            "openapi.json", List.of());
    /** The function key may come as {@code ?code=}; the host consumes it, but it still shows up. */
    private static final String KEY_PARAMETER = "code";

    @FunctionName("getConversation")
    public HttpResponseMessage getConversation(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "conversations/{correlationId}") HttpRequestMessage<Optional<String>> request,
            @BindingName("correlationId") String correlationId,
            ExecutionContext context) {
        return handle(request, "conversations/{correlationId}", context, (q, access) -> {
            String id = QueryParameters.correlationId(correlationId);
            boolean content = QueryParameters.bool("content", q.get("content"), true) && access.canReadContent();
            Optional<ObjectNode> doc = AppContext.get().lookups().conversations().get(id, content);
            return doc.map(d -> json(request, HttpStatus.OK, d))
                    .orElseGet(() -> error(request, HttpStatus.NOT_FOUND, "no conversation with correlationId " + quoted(id)));
        });
    }

    @FunctionName("listConversations")
    public HttpResponseMessage listConversations(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "conversations") HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return handle(request, "conversations", context, (q, access) -> {
            ConversationFilter filter = new ConversationFilter(
                    QueryParameters.range(q.get("from"), q.get("to")),
                    QueryParameters.text("subscriptionId", q.get("subscriptionId")),
                    QueryParameters.text("model", q.get("model")),
                    QueryParameters.text("deployment", q.get("deployment")),
                    FlagFilter.parse(q.get("flag")),
                    QueryParameters.status(q.get("status")),
                    QueryParameters.limit("limit", q.get("limit"), ConversationFilter.DEFAULT_LIMIT, ConversationFilter.MAX_LIMIT),
                    PageToken.decode(q.get("continuationToken")));
            ConversationQueries.Page page = AppContext.get().lookups().conversations().list(filter, access.canReadContent());
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.putArray("items").addAll(page.items());
            body.put("continuationToken", page.next() == null ? null : page.next().encode());
            return json(request, HttpStatus.OK, body);
        });
    }

    @FunctionName("usage")
    public HttpResponseMessage usage(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "usage") HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return handle(request, "usage", context, (q, access) -> {
            TimeRange range = QueryParameters.range(q.get("from"), q.get("to"));
            GroupBy groupBy = GroupBy.parse(q.get("groupBy"));
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("groupBy", groupBy.wireName());
            body.putArray("rows").addAll(AppContext.get().lookups().usage().usage(range, groupBy));
            return json(request, HttpStatus.OK, body);
        });
    }

    @FunctionName("topQuestions")
    public HttpResponseMessage topQuestions(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "questions/top") HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return handle(request, "questions/top", context, (q, access) -> {
            TimeRange range = QueryParameters.range(q.get("from"), q.get("to"));
            int limit = QueryParameters.limit("limit", q.get("limit"), TopQuestions.DEFAULT_LIMIT, TopQuestions.MAX_LIMIT);
            TopQuestions.Result result = AppContext.get().lookups().questions().top(range, limit, access.canReadContent());
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.putArray("items").addAll(result.items());
            body.put("scanned", result.scanned());
            body.put("truncated", result.truncated());
            return json(request, HttpStatus.OK, body);
        });
    }

    @FunctionName("health")
    public HttpResponseMessage health(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "health") HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        try {
            return json(request, HttpStatus.OK, AppContext.get().lookups().health().report());
        } catch (RuntimeException e) {
            log(context, "health: Cosmos DB unavailable", e);
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.put("status", "unavailable");
            body.put("error", "Cosmos DB cannot be reached (" + e.getClass().getSimpleName()
                    + (e instanceof CosmosException ce ? " " + ce.getStatusCode() : "") + ")");
            return json(request, HttpStatus.SERVICE_UNAVAILABLE, body);
        }
    }

    @FunctionName("openapi")
    public HttpResponseMessage openApi(
            @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "openapi.json") HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "application/json")
                .body(OpenApi.TEXT).build();
    }

    // ---------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Handler {
        HttpResponseMessage apply(Map<String, String> query, Access access);
    }

    private static HttpResponseMessage handle(HttpRequestMessage<?> request, String route, ExecutionContext context,
                                              Handler handler) {
        try {
            Map<String, String> query = request.getQueryParameters() == null ? Map.of() : request.getQueryParameters();
            List<String> allowed = QUERY_PARAMETERS.get(route);
            TreeSet<String> unknown = new TreeSet<>();
            for (String name : query.keySet()) {
                if (!allowed.contains(name) && !name.equals(KEY_PARAMETER)) {
                    unknown.add(name);
                }
            }
            if (!unknown.isEmpty()) {
                String name = unknown.first();
                throw new InvalidParameterException(name.length() > 64 ? name.substring(0, 64) + "..." : name,
                        "unknown parameter; this route accepts " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
            }
            Access access = Access.of(AppContext.get().settings().appServiceAuth(), request.getHeaders());
            if (!access.canRead()) {
                return error(request, HttpStatus.FORBIDDEN, "the app role " + Access.READ + " is required");
            }
            return handler.apply(query, access);
        } catch (InvalidParameterException e) {
            return error(request, HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (CosmosException e) {
            log(context, "lookup " + route + " failed: Cosmos DB status " + e.getStatusCode(), e);
            boolean transient_ = e.getStatusCode() == 429 || e.getStatusCode() == 503 || e.getStatusCode() == 408;
            return error(request, transient_ ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR,
                    transient_ ? "the store is busy or unavailable, retry later" : "internal error");
        } catch (RuntimeException e) {
            log(context, "lookup " + route + " failed", e);
            return error(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    private static HttpResponseMessage json(HttpRequestMessage<?> request, HttpStatus status, ObjectNode body) {
        try {
            return request.createResponseBuilder(status).header("Content-Type", "application/json")
                    .body(Json.MAPPER.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponseMessage error(HttpRequestMessage<?> request, HttpStatus status, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("error", message);
        return json(request, status, body);
    }

    /** Echoes at most 100 characters of a caller's value back. */
    private static String quoted(String s) {
        return "'" + (s.length() > 100 ? s.substring(0, 100) + "..." : s) + "'";
    }

    private static void log(ExecutionContext context, String message, Throwable e) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(Level.WARNING, message + ": " + e.getClass().getName());
        }
    }

    /** The hand-written OpenAPI document, loaded once. */
    static final class OpenApi {
        static final String TEXT = load();

        private static String load() {
            try (InputStream in = LookupFunctions.class.getResourceAsStream("/openapi.json")) {
                if (in == null) {
                    throw new IllegalStateException("openapi.json missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
