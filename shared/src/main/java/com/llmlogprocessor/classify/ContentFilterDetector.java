package com.llmlogprocessor.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code security.content_filtered} from the bodies GatewayLogs carries when body logging is on
 * (requestBody / responseBody / backendResponseBody). Azure OpenAI reports its content filter in
 * three places:
 * <ul>
 *   <li>a blocked prompt: HTTP 400, {@code error.code = "content_filter"} with
 *       {@code error.innererror.content_filter_result} → where = request;</li>
 *   <li>{@code prompt_filter_results[].content_filter_results} (older: {@code prompt_annotations})
 *       → where = request;</li>
 *   <li>{@code choices[].content_filter_results} (and {@code finish_reason = "content_filter"})
 *       → where = response.</li>
 * </ul>
 * One flag per (where, filter category) whose result says {@code filtered: true}, with
 * {@code detail = "category:severity"} (or {@code category:detected} for jailbreak / protected
 * material, {@code category:blocked} when no severity is given). The same response is often logged
 * twice (responseBody and backendResponseBody), so counts merge by maximum, not sum. Streamed
 * bodies ({@code data: {...}} lines) are read chunk by chunk. Unparseable bodies are skipped:
 * logged bodies may be truncated. The body decides, not the status code: {@code responseCode} is
 * accepted so callers can pass what GatewayLogs has, but an error body with code
 * {@code content_filter} is a refused prompt whatever status the gateway reported.
 */
public final class ContentFilterDetector {

    public static final String TYPE = "content_filtered";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SEVERITIES = List.of("safe", "low", "medium", "high");

    private ContentFilterDetector() {
    }

    private record Hit(int count, String outcome) {
    }

    public static List<Flag> detect(Integer responseCode, String... bodies) {
        // key "where|category" -> merged hit, sorted for a stable flag order
        Map<String, Hit> merged = new TreeMap<>();
        if (bodies != null) {
            for (String body : bodies) {
                Map<String, Hit> one = new TreeMap<>();
                for (JsonNode node : parse(body)) {
                    inspect(node, responseCode, one);
                }
                one.forEach((k, h) -> merged.merge(k, h, ContentFilterDetector::max));
            }
        }
        List<Flag> flags = new ArrayList<>();
        merged.forEach((key, hit) -> {
            String where = key.substring(0, key.indexOf('|'));
            String category = key.substring(key.indexOf('|') + 1);
            flags.add(new Flag(Flag.SECURITY, TYPE, where, hit.count(), null, category + ":" + hit.outcome()));
        });
        return List.copyOf(flags);
    }

    private static void inspect(JsonNode root, Integer responseCode, Map<String, Hit> out) {
        if (!root.isObject()) {
            return;
        }
        JsonNode error = root.path("error");
        if (error.isObject()) {
            String code = error.path("code").asText("");
            JsonNode inner = error.path("innererror");
            JsonNode result = inner.path("content_filter_result");
            boolean blocked = "content_filter".equals(code)
                    || "ResponsibleAIPolicyViolation".equals(inner.path("code").asText(""));
            if (blocked) {
                // a content_filter error is the prompt being refused, whatever status the gateway reported
                if (!categories(result, Flag.REQUEST, out)) {
                    add(out, Flag.REQUEST, "unspecified", "blocked");
                }
            }
        }
        for (String field : List.of("prompt_filter_results", "prompt_annotations")) {
            for (JsonNode p : root.path(field)) {
                categories(p.path("content_filter_results"), Flag.REQUEST, out);
            }
        }
        for (JsonNode choice : root.path("choices")) {
            boolean any = categories(choice.path("content_filter_results"), Flag.RESPONSE, out);
            if (!any && "content_filter".equals(choice.path("finish_reason").asText(""))) {
                add(out, Flag.RESPONSE, "unspecified", "blocked");
            }
        }
    }

    /** Adds the filtered categories of one {@code content_filter_results} object; true if any. */
    private static boolean categories(JsonNode results, String where, Map<String, Hit> out) {
        boolean any = false;
        if (!results.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : results.properties()) {
            JsonNode r = e.getValue();
            if (r.isArray()) { // custom_blocklists: {filtered, details:[{filtered, id}]} or a list of {filtered, id}
                for (JsonNode item : r) {
                    if (item.path("filtered").asBoolean(false)) {
                        add(out, where, e.getKey(), "blocked");
                        any = true;
                        break;
                    }
                }
                continue;
            }
            if (!r.path("filtered").asBoolean(false)) {
                continue;
            }
            String outcome = r.hasNonNull("severity") ? r.path("severity").asText()
                    : r.path("detected").asBoolean(false) ? "detected" : "blocked";
            add(out, where, e.getKey(), outcome);
            any = true;
        }
        return any;
    }

    private static void add(Map<String, Hit> out, String where, String category, String outcome) {
        out.merge(where + "|" + category, new Hit(1, outcome),
                (a, b) -> new Hit(a.count() + b.count(), stronger(a.outcome(), b.outcome())));
    }

    private static Hit max(Hit a, Hit b) {
        return new Hit(Math.max(a.count(), b.count()), stronger(a.outcome(), b.outcome()));
    }

    private static String stronger(String a, String b) {
        return SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a;
    }

    /** A JSON body, or the JSON objects of a server-sent-events body; nothing for anything else. */
    private static List<JsonNode> parse(String body) {
        List<JsonNode> nodes = new ArrayList<>();
        if (body == null || body.isBlank()) {
            return nodes;
        }
        String t = body.strip();
        if (t.startsWith("{")) {
            readInto(t, nodes);
            return nodes;
        }
        for (String line : t.split("\\r?\\n")) {
            if (line.startsWith("data:")) {
                String data = line.substring(5).strip();
                if (data.startsWith("{")) {
                    readInto(data, nodes);
                }
            }
        }
        return nodes;
    }

    private static void readInto(String json, List<JsonNode> nodes) {
        try {
            nodes.add(JSON.readTree(json));
        } catch (IOException e) {
            // truncated or not JSON: nothing to learn from it
        }
    }
}
