package com.llmlogprocessor.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One generated LLM call: the records APIM would write for it and the ground truth a correct
 * pipeline must recover from them. The Jackson nodes are shared, not copied: treat them as
 * read-only ({@link TrafficGenerator#deliver} copies before it renames keys).
 *
 * @param correlationId        APIM correlation id (lower-case GUID), same on both halves
 * @param time                 request time; every record of the call carries it as {@code time}
 * @param outcome              what happened
 * @param deployment           {@code deploymentName} on seq 0 (may be empty for probes)
 * @param model                {@code modelName} on seq 0 (empty unless {@link CallOutcome#COMPLETE})
 * @param apiVersionRaw        {@code apiVersion} as logged, e.g. {@code 2024-10-21T00:00:00.0000000}
 * @param requestId            provider id ({@code chatcmpl-...}); empty unless complete
 * @param streaming            the logged {@code isStreamCompletion}
 * @param requestMessagesJson  the request messages JSON as logged: exactly the join of the request
 *                             fragments in sequence order; escaped ASCII; null for probes. When
 *                             {@link #requestTruncated()} it is the first 2 MB only and does not parse.
 * @param responseMessagesJson likewise for the response (an object, or an array when asked); null when
 *                             there is no response
 * @param requestTruncated     the client sent more than the cap; the log holds only the first 2 MB
 * @param responseTruncated    likewise for the response
 * @param requestMessages      the messages array the client sent, as a tree (complete even when truncated)
 * @param responseMessages     the response object/array the client received, as a tree; null when none
 * @param caller               identity from the GatewayLogs half, null when there is none
 * @param llmRecords           GatewayLlmLogs records in APIM order: seq 0, request chunks, response chunks
 * @param gatewayLogRecord     the GatewayLogs record, or null
 */
public record GeneratedCall(String correlationId, Instant time, CallOutcome outcome, String deployment, String model,
                            String apiVersionRaw, String requestId, boolean streaming,
                            long promptTokens, long completionTokens, long cachedPromptTokens,
                            String requestMessagesJson, String responseMessagesJson,
                            boolean requestTruncated, boolean responseTruncated,
                            JsonNode requestMessages, JsonNode responseMessages,
                            CallerIdentity caller, List<ObjectNode> llmRecords, ObjectNode gatewayLogRecord) {

    public GeneratedCall {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        llmRecords = List.copyOf(llmRecords);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    public boolean isProbe() {
        return outcome == CallOutcome.PROBE;
    }

    public boolean hasResponse() {
        return responseMessagesJson != null;
    }

    /** The {@code requestMessages} fragments in sequence order (camelCase records as generated). */
    public List<String> requestFragments() {
        return fragments("requestMessages");
    }

    /** The {@code responseMessages} fragments in sequence order. */
    public List<String> responseFragments() {
        return fragments("responseMessages");
    }

    private List<String> fragments(String field) {
        List<String> out = new ArrayList<>();
        for (ObjectNode r : llmRecords) {
            JsonNode v = r.path("properties").get(field);
            if (v != null) {
                out.add(v.textValue());
            }
        }
        return out;
    }

    /** Every record of the call: the LLM records, then the GatewayLogs record if any. */
    public List<ObjectNode> allRecords() {
        List<ObjectNode> all = new ArrayList<>(llmRecords);
        if (gatewayLogRecord != null) {
            all.add(gatewayLogRecord);
        }
        return all;
    }
}
