package com.llmlogprocessor.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.llmlogprocessor.conversation.ChatText;
import com.llmlogprocessor.conversation.MessageText;
import com.llmlogprocessor.traffic.GeneratedCall;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Texts of the labelled corpus and of generated calls, for the equivalence test and the benchmark. */
final class ClassifierTexts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassifierTexts() {
    }

    /** {role, text} of every corpus line. */
    static List<ChatText> corpus() {
        List<ChatText> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ClassifierTexts.class.getResourceAsStream("/classify/corpus.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode node = JSON.readTree(line);
                    out.add(new ChatText(node.path("role").asText("user"), node.path("text").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<ChatText> request(GeneratedCall call) {
        return messages(call.requestMessages());
    }

    static List<ChatText> response(GeneratedCall call) {
        return messages(call.responseMessages());
    }

    /** A messages array as is; a single response message object as a one-element array. */
    private static List<ChatText> messages(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            return MessageText.of((ArrayNode) node);
        }
        ArrayNode one = JSON.createArrayNode();
        one.add(node);
        return MessageText.of(one);
    }
}
