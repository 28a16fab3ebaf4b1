package com.llmlogprocessor.assemble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joins one correlation's fragments. APIM cuts the serialised messages at arbitrary character
 * positions (inside a string, inside a {@code \\uXXXX} escape, between a backslash and what it
 * escapes), so fragments are concatenated in sequence order as text first and parsed once; the
 * parse is what restores every escape and surrogate pair exactly. There is no chunk count, so
 * completeness is judged from contiguous sequence numbers and parseable joins.
 */
public final class ChunkAssembler {

    public AssembledCall assemble(CallPieces pieces) {
        Map<Integer, GatewayLlmRecord> llm = pieces.llm();
        List<Integer> received = new ArrayList<>(llm.keySet());
        List<Integer> missing = new ArrayList<>();
        int max = received.isEmpty() ? -1 : received.get(received.size() - 1);
        for (int i = 0, j = 0; i <= max; i++) {
            if (j < received.size() && received.get(j) == i) {
                j++;
            } else {
                missing.add(i);
            }
        }
        Instant time = null;
        StringBuilder request = new StringBuilder();
        StringBuilder response = new StringBuilder();
        for (GatewayLlmRecord r : llm.values()) {
            if (r.time() != null && (time == null || r.time().isBefore(time))) {
                time = r.time();
            }
            if (r.requestMessages() != null) {
                request.append(r.requestMessages());
            }
            if (r.responseMessages() != null) {
                response.append(r.responseMessages());
            }
        }
        String requestText = request.isEmpty() ? null : request.toString();
        String responseText = response.isEmpty() ? null : response.toString();
        JsonNode req = parse(requestText);
        JsonNode resp = parse(responseText);
        return new AssembledCall(
                pieces.correlationId(),
                timeOf(llm.get(0), time, pieces),
                llm.get(0),
                pieces.gateway(),
                received,
                missing,
                asMessages(req),
                asMessages(resp),
                requestText,
                responseText,
                new ArrayList<>(pieces.sources()));
    }

    private static Instant timeOf(GatewayLlmRecord metadata, Instant earliest, CallPieces pieces) {
        if (metadata != null && metadata.time() != null) {
            return metadata.time();
        }
        if (earliest != null) {
            return earliest;
        }
        return pieces.gateway() == null ? null : pieces.gateway().time();
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Messages as an array: a request logs its {@code messages} array (or a Responses-API
     * {@code input}, which may be a bare string); a response logs one message object or an array.
     */
    static ArrayNode asMessages(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isArray()) {
            return (ArrayNode) node;
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            JsonNode inner = obj.get("messages");
            if (inner != null && inner.isArray() && obj.size() == 1) {
                return (ArrayNode) inner;
            }
            array.add(obj);
        } else if (node.isTextual()) {
            array.addObject().put("role", "user").put("content", node.textValue());
        } else {
            return null;
        }
        return array;
    }
}
