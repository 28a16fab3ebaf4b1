package com.llmlogprocessor.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/** The plain-text view of logged messages (see {@link ChatText}). */
public final class MessageText {
    private MessageText() {
    }

    public static List<ChatText> of(ArrayNode messages) {
        List<ChatText> out = new ArrayList<>();
        if (messages == null) {
            return out;
        }
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            out.add(new ChatText(role, textOf(m.get("content"))));
        }
        return out;
    }

    static String textOf(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                String text = part.isTextual() ? part.textValue() : part.path("text").isTextual() ? part.get("text").textValue() : null;
                if (text != null) {
                    if (!sb.isEmpty()) {
                        sb.append('\n');
                    }
                    sb.append(text);
                }
            }
            return sb.toString();
        }
        return content.path("text").asText("");
    }
}
