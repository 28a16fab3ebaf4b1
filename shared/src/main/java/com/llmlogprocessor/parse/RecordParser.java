package com.llmlogprocessor.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an Event Hub body into typed records. Accepts every form APIM's logs come in: the
 * diagnostic-setting envelope {@code {"records":[...]}}, a bare array of records, a single
 * record, and JSON Lines (the Storage archive's {@code PT1H.json}); camelCase, PascalCase and
 * AzureDiagnostics-suffixed keys; {@code correlationId} at the top level or inside
 * {@code properties}. Records are read one at a time from a streaming parser over the body, so a
 * 1 MB body is never copied into a second tree.
 *
 * <p>Never throws for bad input: unusable records are reported in {@link ParsedBody#problems()},
 * a broken body in {@link ParsedBody#undecodable()}.
 */
public final class RecordParser {
    private static final ObjectMapper MAPPER = Json.MAPPER;

    public ParsedBody parse(String body) {
        Collector out = new Collector();
        if (body == null || body.isBlank()) {
            return out.result("empty body");
        }
        String failure = parseStream(body, out);
        if (failure != null && out.roots > 1 && body.indexOf('\n') >= 0) {
            // JSON Lines with a bad line: read line by line so one broken line costs only itself.
            Collector perLine = new Collector();
            int lineNo = 0;
            for (String line : body.split("\r?\n")) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String lineFailure = parseStream(line, perLine);
                if (lineFailure != null) {
                    perLine.problems.add("line " + lineNo + ": " + lineFailure);
                }
            }
            return perLine.result(null);
        }
        return out.result(failure);
    }

    /** Reads every root value of the text; returns why it stopped early, or null. */
    private String parseStream(String text, Collector out) {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                out.roots++;
                if (t == JsonToken.START_ARRAY) {
                    readArrayOfRecords(p, out);
                } else if (t == JsonToken.START_OBJECT) {
                    readRootObject(p, out);
                } else {
                    out.problems.add("root value is a " + describe(t) + ", not a record or envelope");
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            return "not valid JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private void readArrayOfRecords(JsonParser p, Collector out) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
                out.accept((ObjectNode) MAPPER.readTree(p));
            } else {
                out.problems.add("array element is a " + describe(t) + ", not a record");
                p.skipChildren();
            }
        }
    }

    /**
     * An object at the root is either an envelope (has {@code records}) or one record. Fields are
     * read one by one so that an envelope's records stream without building the whole tree.
     */
    private void readRootObject(JsonParser p, Collector out) throws IOException {
        ObjectNode single = MAPPER.createObjectNode();
        boolean envelope = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equalsIgnoreCase("records")) {
                envelope = true;
                if (value == JsonToken.START_ARRAY) {
                    readArrayOfRecords(p, out);
                } else {
                    out.problems.add("'records' is a " + describe(value) + ", not an array");
                    p.skipChildren();
                }
            } else if (envelope) {
                p.skipChildren();
            } else {
                single.set(name, MAPPER.readTree(p));
            }
        }
        if (!envelope) {
            out.accept(single);
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    private static final class Collector {
        final List<GatewayLlmRecord> llm = new ArrayList<>();
        final List<GatewayLogRecord> gateway = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        int other;
        int roots;
        int index;

        void accept(ObjectNode record) {
            int i = index++;
            try {
                JsonFields top = JsonFields.of(record);
                JsonFields props = JsonFields.of(properties(top));
                switch (categoryOf(top, props)) {
                    case LLM -> llm.add(toLlmRecord(top, props));
                    case GATEWAY -> gateway.add(toGatewayRecord(top, props));
                    case OTHER -> other++;
                }
            } catch (RecordFormatException | IllegalArgumentException | NullPointerException e) {
                problems.add("record " + i + ": " + e.getMessage());
            }
        }

        ParsedBody result(String undecodable) {
            return new ParsedBody(llm, gateway, other, problems, undecodable);
        }
    }

    private enum Category { LLM, GATEWAY, OTHER }

    private static Category categoryOf(JsonFields top, JsonFields props) {
        String c = firstNonNull(top.text("category"), top.text("type"));
        if (c == null) {
            // Without a category, the shape decides (some exports drop the column).
            if (props.get("sequenceNumber") != null || props.get("requestMessages") != null
                    || top.get("sequenceNumber") != null) {
                return Category.LLM;
            }
            return props.get("apiId") != null || top.get("callerIpAddress") != null ? Category.GATEWAY : Category.OTHER;
        }
        String lc = c.toLowerCase(Locale.ROOT);
        if (lc.equals("gatewayllmlogs") || lc.equals("apimanagementgatewayllmlog")) {
            return Category.LLM;
        }
        if (lc.equals("gatewaylogs") || lc.equals("apimanagementgatewaylogs")) {
            return Category.GATEWAY;
        }
        return Category.OTHER;
    }

    private static JsonNode properties(JsonFields top) {
        JsonNode p = top.get("properties");
        if (p != null && p.isTextual()) {
            // Some forwarders serialise properties as a JSON string.
            try {
                return MAPPER.readTree(p.textValue());
            } catch (JsonProcessingException e) {
                throw new RecordFormatException("properties is a string that is not JSON");
            }
        }
        return p;
    }

    private static GatewayLlmRecord toLlmRecord(JsonFields top, JsonFields props) {
        String correlationId = firstNonNull(top.text("correlationId"), props.text("correlationId"));
        if (correlationId == null) {
            throw new RecordFormatException("GatewayLlmLogs record without correlationId");
        }
        Long seq = pick(props, top, "sequenceNumber");
        if (seq == null) {
            throw new RecordFormatException("GatewayLlmLogs record without sequenceNumber");
        }
        if (seq < 0 || seq > Integer.MAX_VALUE) {
            throw new RecordFormatException("sequenceNumber out of range");
        }
        return new GatewayLlmRecord(
                correlationId.trim(),
                parseTime(firstNonNull(top.text("time"), top.text("timeGenerated"))),
                seq.intValue(),
                text(props, top, "deploymentName"),
                text(props, top, "modelName"),
                text(props, top, "apiVersion"),
                text(props, top, "requestId"),
                firstNonNull(props.bool("isStreamCompletion"), top.bool("isStreamCompletion")),
                pick(props, top, "promptTokens"),
                pick(props, top, "completionTokens"),
                pick(props, top, "totalTokens"),
                pick(props, top, "promptCachedTokens"),
                firstNonNull(props.rawText("requestMessages"), top.rawText("requestMessages")),
                firstNonNull(props.rawText("responseMessages"), top.rawText("responseMessages")),
                top.text("resourceId"));
    }

    private static GatewayLogRecord toGatewayRecord(JsonFields top, JsonFields props) {
        String correlationId = firstNonNull(top.text("correlationId"), props.text("correlationId"));
        if (correlationId == null) {
            throw new RecordFormatException("GatewayLogs record without correlationId");
        }
        return new GatewayLogRecord(
                correlationId.trim(),
                parseTime(firstNonNull(top.text("time"), top.text("timeGenerated"))),
                firstNonNull(text(props, top, "apimSubscriptionId"), text(props, top, "subscriptionId")),
                text(props, top, "productId"),
                text(props, top, "userId"),
                firstNonNull(top.text("callerIpAddress"), props.text("callerIpAddress")),
                text(props, top, "apiId"),
                text(props, top, "operationId"),
                intValue(pick(props, top, "responseCode")),
                intValue(pick(props, top, "backendResponseCode")),
                firstNonNull(top.longValue("durationMs"), props.longValue("durationMs"),
                        props.longValue("totalTime")),
                text(props, top, "method"),
                text(props, top, "url"),
                text(props, top, "lastErrorReason"),
                props.rawText("requestBody"),
                props.rawText("responseBody"),
                props.rawText("backendResponseBody"));
    }

    private static String text(JsonFields props, JsonFields top, String name) {
        return firstNonNull(props.text(name), top.text(name));
    }

    private static Long pick(JsonFields props, JsonFields top, String name) {
        return firstNonNull(props.longValue(name), top.longValue(name));
    }

    private static Integer intValue(Long v) {
        return v == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** ISO-8601 with any fractional digits; a time without an offset is UTC. Bad times become null. */
    public static Instant parseTime(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
