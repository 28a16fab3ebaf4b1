package com.llmlogprocessor.local.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.traffic.CallSpec;
import com.llmlogprocessor.traffic.CutKind;
import com.llmlogprocessor.traffic.Delivery;
import com.llmlogprocessor.traffic.EscapeStyle;
import com.llmlogprocessor.traffic.EscapedJson;
import com.llmlogprocessor.traffic.GarbageKind;
import com.llmlogprocessor.traffic.GeneratedCall;
import com.llmlogprocessor.traffic.SensitiveSample;
import com.llmlogprocessor.traffic.Size;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The bundled sample traffic ({@code local/src/main/resources/samples/eventhub-bodies.jsonl}, one
 * Event Hub body per line), made with the project's seeded {@link TrafficGenerator} so it is the
 * same on every run. It covers every feature the pipeline has: small and multi-turn calls
 * (non-ASCII, emoji, content parts, streamed, response arrays), chunked large calls with cuts inside
 * escapes, a call missing a chunk (ends {@code partial}), PII / secret / injection samples,
 * content-filtered calls, backend 429s without a response, probes, repeated questions worded
 * several ways, GatewayLogs halves (some before their LLM records), other categories, shuffled
 * across bodies with duplicates, and garbage bodies that must be dead-lettered.
 *
 * <p>Regenerate after changing it: {@code java -cp local/target/classes:local/target/lib/*
 * com.llmlogprocessor.local.samples.SampleTraffic local/src/main/resources/samples/eventhub-bodies.jsonl}
 */
public final class SampleTraffic {
    public static final long SEED = 20_260_601L;
    public static final String GARBAGE_TEXT = TrafficGenerator.garbageBody(GarbageKind.PLAIN_TEXT, new Random(SEED));

    /** Paraphrases of the same questions: the FAQ grouping should count each set as one question. */
    public static final List<List<String>> REPEATED_QUESTIONS = List.of(
            List.of("How do I reset my password?", "how can i reset my password", "How do I reset my password",
                    "What's the way to reset my password?", "HOW DO I RESET MY PASSWORD?!"),
            List.of("How do I connect to the VPN?", "how do i connect to the vpn", "How can I connect to the VPN?"));
    private static final List<String> ANSWERS = List.of(
            "Open https://passwordreset.example.com, enter your user name and follow the steps in the e-mail you get.",
            "Install the Contoso VPN client, sign in with your work account and pick the nearest gateway.");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SampleTraffic() {
    }

    /** The sample bodies, one per line of the bundled file. */
    public static List<String> bodies() {
        TrafficGenerator gen = new TrafficGenerator(SEED);
        List<GeneratedCall> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // everyday calls
            calls.add(gen.call(CallSpec.builder().size(i % 3 == 0 ? Size.TINY : Size.SMALL).turns(1 + i % 3)
                    .nonAscii(i % 4 == 1).emoji(i % 5 == 2).contentParts(i % 6 == 3).streaming(i % 2 == 0)
                    .responseAsArray(i == 7).withGatewayLog(i != 5).build()));
        }
        // chunked large calls: many fragments per side, cuts inside escapes
        calls.add(gen.call(CallSpec.builder().size(Size.MEDIUM).chunkChars(4_000, 8_000).streaming(true).build()));
        CallSpec.Builder edgy = CallSpec.builder().size(Size.MEDIUM).nonAscii(true).emoji(true).chunkChars(3_000, 6_000);
        CutKind.ESCAPE_KINDS.forEach(edgy::forceCut);
        calls.add(gen.call(edgy.build()));
        calls.add(gen.call(CallSpec.builder().size(Size.MEDIUM).turns(3).contentParts(true).chunkChars(5_000, 9_000).build()));
        // one chunked call loses a request fragment: finalised as partial at the end of the replay
        calls.add(dropFragment(gen.call(CallSpec.builder().size(Size.MEDIUM).chunkChars(4_000, 6_000).build()), 2));
        for (SensitiveSample s : SensitiveSample.PII) {
            calls.add(gen.call(CallSpec.builder().size(Size.TINY).piiText(s.text()).build()));
        }
        for (SensitiveSample s : SensitiveSample.SECRETS) {
            calls.add(gen.call(CallSpec.builder().size(Size.TINY).secretText(s.text()).build()));
        }
        for (SensitiveSample s : SensitiveSample.INJECTIONS) {
            calls.add(gen.call(CallSpec.builder().size(Size.SMALL).injectionText(s.text()).build()));
        }
        calls.add(gen.call(CallSpec.builder().size(Size.TINY).contentFiltered().build()));
        calls.add(gen.call(CallSpec.builder().size(Size.SMALL).contentFiltered().build()));
        calls.add(gen.call(CallSpec.builder().size(Size.TINY).noResponse().build()));
        calls.add(gen.call(CallSpec.builder().size(Size.SMALL).noResponse().withGatewayLog(false).build()));
        for (int i = 0; i < 3; i++) {
            calls.add(gen.call(CallSpec.builder().probe().withGatewayLog(i != 2).build()));
        }
        for (int q = 0; q < REPEATED_QUESTIONS.size(); q++) {
            for (String question : REPEATED_QUESTIONS.get(q)) {
                GeneratedCall template = gen.call(CallSpec.builder().size(Size.TINY).streaming(q == 0).build());
                calls.add(withQuestion(template, question, ANSWERS.get(q)));
            }
        }

        // shuffled across bodies, 10% duplicates, mixed envelopes and key spellings, other categories
        List<String> bodies = new ArrayList<>(gen.bodies(calls, Delivery.chaotic().withRecordsPerBody(1, 12)));
        Random r = new Random(SEED);
        bodies.add(3, GARBAGE_TEXT);
        bodies.add(bodies.size() / 2, TrafficGenerator.garbageBody(GarbageKind.TRUNCATED_JSON, r));
        bodies.add(bodies.get(7)); // a whole body delivered twice
        return bodies;
    }

    /** The call with the record of sequence number {@code seq} missing (it must be a middle request fragment). */
    static GeneratedCall dropFragment(GeneratedCall c, int seq) {
        if (c.requestFragments().size() < 3) {
            throw new IllegalStateException("need at least three request fragments to drop a middle one");
        }
        List<ObjectNode> kept = c.llmRecords().stream()
                .filter(rec -> rec.path("properties").path("sequenceNumber").asInt() != seq).toList();
        return new GeneratedCall(c.correlationId(), c.time(), c.outcome(), c.deployment(), c.model(), c.apiVersionRaw(),
                c.requestId(), c.streaming(), c.promptTokens(), c.completionTokens(), c.cachedPromptTokens(),
                c.requestMessagesJson(), c.responseMessagesJson(), c.requestTruncated(), c.responseTruncated(),
                c.requestMessages(), c.responseMessages(), c.caller(), kept, c.gatewayLogRecord());
    }

    /** A tiny call re-worded: the user asks exactly {@code question} and gets {@code answer}. */
    static GeneratedCall withQuestion(GeneratedCall c, String question, String answer) {
        ArrayNode request = NODES.arrayNode();
        request.addObject().put("role", "system").put("content", "You are the Contoso IT helpdesk assistant.");
        request.addObject().put("role", "user").put("content", question);
        ObjectNode response = NODES.objectNode().put("role", "assistant").put("content", answer);
        String requestJson = EscapedJson.write(request, EscapeStyle.UPPER_HEX);
        String responseJson = EscapedJson.write(response, EscapeStyle.UPPER_HEX);
        if (c.requestFragments().size() != 1 || c.responseFragments().size() != 1) {
            throw new IllegalStateException("the template must be a three-record call");
        }
        long prompt = 20 + (question.length() + 3) / 4;
        long completion = (answer.length() + 3) / 4;
        List<ObjectNode> records = new ArrayList<>();
        for (ObjectNode rec : c.llmRecords()) {
            ObjectNode copy = rec.deepCopy();
            ObjectNode p = (ObjectNode) copy.get("properties");
            if (p.path("sequenceNumber").asInt() == 0) {
                p.put("promptTokens", prompt).put("completionTokens", completion).put("totalTokens", prompt + completion)
                        .put("promptCachedTokens", 0);
            } else if (p.has("requestMessages")) {
                p.put("requestMessages", requestJson);
            } else if (p.has("responseMessages")) {
                p.put("responseMessages", responseJson);
            }
            records.add(copy);
        }
        return new GeneratedCall(c.correlationId(), c.time(), c.outcome(), c.deployment(), c.model(), c.apiVersionRaw(),
                c.requestId(), c.streaming(), prompt, completion, 0, requestJson, responseJson, false, false,
                request, (JsonNode) response, c.caller(), records, c.gatewayLogRecord());
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "local/src/main/resources/samples/eventhub-bodies.jsonl");
        List<String> bodies = bodies();
        for (String b : bodies) {
            if (b.indexOf('\n') >= 0 || b.indexOf('\r') >= 0) {
                throw new IllegalStateException("a body spans lines; the file holds one body per line");
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, String.join("\n", bodies) + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + bodies.size() + " bodies, " + Files.size(out) + " bytes to " + out);
    }
}
