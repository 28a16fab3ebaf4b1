package com.llmlogprocessor.testdata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Hand-made APIM records and bodies for unit tests (the traffic generator makes realistic ones). */
public final class RecordTestData {
    public static final String RESOURCE_ID =
            "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.APIMANAGEMENT/SERVICE/APIM1";

    private RecordTestData() {
    }

    public static ObjectNode meta(String cid, String model, long prompt, long completion) {
        ObjectNode r = base(cid, "GatewayLlmLogs", "2026-12-04T10:15:30.1234567Z");
        ObjectNode p = r.putObject("properties");
        p.put("sequenceNumber", 0);
        p.put("deploymentName", "chat");
        p.put("modelName", model);
        p.put("apiVersion", "2024-10-21T00:00:00.0000000");
        p.put("requestId", "chatcmpl-" + cid);
        p.put("isStreamCompletion", false);
        p.put("promptTokens", prompt);
        p.put("completionTokens", completion);
        p.put("totalTokens", prompt + completion);
        p.put("promptCachedTokens", 0);
        return r;
    }

    public static ObjectNode probe(String cid) {
        ObjectNode r = base(cid, "GatewayLlmLogs", "2026-12-04T10:15:30.1234567Z");
        ObjectNode p = r.putObject("properties");
        p.put("sequenceNumber", 0);
        p.put("modelName", "");
        p.put("requestId", "");
        p.put("promptTokens", 0);
        p.put("completionTokens", 0);
        p.put("totalTokens", 0);
        return r;
    }

    public static ObjectNode fragment(String cid, int seq, String field, String text) {
        ObjectNode r = base(cid, "GatewayLlmLogs", "2026-12-04T10:15:30.2234567Z");
        ObjectNode p = r.putObject("properties");
        p.put("sequenceNumber", seq);
        p.put(field, text);
        return r;
    }

    public static ObjectNode gateway(String cid, int responseCode) {
        ObjectNode r = base(cid, "GatewayLogs", "2026-12-04T10:15:29.0000000Z");
        r.put("callerIpAddress", "203.0.113.7");
        r.put("durationMs", 812);
        ObjectNode p = r.putObject("properties");
        p.put("apiId", "openai");
        p.put("operationId", "chat-completions");
        p.put("responseCode", responseCode);
        p.put("apimSubscriptionId", "sub-team-a");
        p.put("productId", "gold");
        p.put("userId", "user-1");
        return r;
    }

    /**
     * The records of one call: seq 0 metadata, then the request JSON cut into pieces of
     * {@code requestCut} characters, then the response likewise.
     */
    public static List<ObjectNode> call(String cid, String requestJson, String responseJson, int cut) {
        List<ObjectNode> out = new ArrayList<>();
        out.add(meta(cid, "gpt-4.1-mini-2025-04-14", 100, 20));
        int seq = 1;
        for (String piece : cut(requestJson, cut)) {
            out.add(fragment(cid, seq++, "requestMessages", piece));
        }
        if (responseJson != null) {
            for (String piece : cut(responseJson, cut)) {
                out.add(fragment(cid, seq++, "responseMessages", piece));
            }
        }
        return out;
    }

    public static List<String> cut(String s, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i += n) {
            out.add(s.substring(i, Math.min(s.length(), i + n)));
        }
        return out;
    }

    /** Cuts at the given character offsets. */
    public static List<String> cutAt(String s, int... offsets) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int o : offsets) {
            out.add(s.substring(from, o));
            from = o;
        }
        out.add(s.substring(from));
        return out;
    }

    public static String envelope(List<ObjectNode> records) {
        ObjectNode env = Json.MAPPER.createObjectNode();
        ArrayNode arr = env.putArray("records");
        records.forEach(arr::add);
        return env.toString();
    }

    private static ObjectNode base(String cid, String category, String time) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("time", time);
        r.put("resourceId", RESOURCE_ID);
        r.put("category", category);
        r.put("operationName", "Microsoft.ApiManagement/" + category);
        r.put("correlationId", cid);
        return r;
    }
}
