package com.llmlogprocessor.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Case-insensitive view of one JSON object's fields: APIM writes camelCase, Log Analytics exports
 * PascalCase and the legacy AzureDiagnostics mode appends a type suffix ({@code promptTokens_d},
 * {@code requestMessages_s}). All three spellings resolve to the same key here.
 */
final class JsonFields {
    private final Map<String, JsonNode> byKey;

    private JsonFields(Map<String, JsonNode> byKey) {
        this.byKey = byKey;
    }

    static JsonFields of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new JsonFields(Map.of());
        }
        Map<String, JsonNode> map = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            // exact spellings win over suffixed ones: putIfAbsent after the plain key
            String key = normalise(e.getKey());
            if (!hasTypeSuffix(e.getKey())) {
                map.put(key, e.getValue());
            } else {
                map.putIfAbsent(key, e.getValue());
            }
        }
        return new JsonFields(map);
    }

    static String normalise(String name) {
        String n = hasTypeSuffix(name) ? name.substring(0, name.length() - 2) : name;
        return n.toLowerCase(Locale.ROOT);
    }

    private static boolean hasTypeSuffix(String name) {
        int len = name.length();
        return len > 2 && name.charAt(len - 2) == '_' && Character.isLowerCase(name.charAt(len - 1));
    }

    JsonNode get(String name) {
        JsonNode v = byKey.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isNull() || v.isMissingNode() ? null : v;
    }

    ObjectNode object(String name) {
        JsonNode v = get(name);
        return v instanceof ObjectNode o ? o : null;
    }

    /** A text value; numbers and booleans are rendered as text, empty strings count as absent. */
    String text(String name) {
        JsonNode v = get(name);
        if (v == null || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /** A string value kept exactly, including the empty string (message fragments). */
    String rawText(String name) {
        JsonNode v = get(name);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    Long longValue(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            String s = v.textValue().trim();
            if (s.isEmpty()) {
                return null;
            }
            try {
                return s.contains(".") ? (long) Double.parseDouble(s) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new RecordFormatException(name + " is not a number: '" + abbreviate(s) + "'");
            }
        }
        throw new RecordFormatException(name + " is not a number");
    }

    Boolean bool(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String s = v.textValue().trim();
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        if (v.isNumber()) {
            return v.asInt() != 0;
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
