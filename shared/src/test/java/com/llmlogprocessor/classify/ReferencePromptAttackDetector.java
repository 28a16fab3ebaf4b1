package com.llmlogprocessor.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test oracle: {@code PromptAttackDetector} as it was before the dispatching rewrite (commit a540e82),
 * renamed and otherwise verbatim. {@link ClassifierEquivalenceTest} holds the new implementation to
 * its results; do not change it.
 *
 * <p>Scores a text for {@code security.prompt_injection} and {@code security.jailbreak} with a
 * versioned, weighted rule pack ({@code classify/injection-rules.json}). All rules are compiled into
 * one case-insensitive alternation (a named group per rule) and the text is walked once; each rule
 * counts at most once. Long base64 runs are decoded and, when the decoded text itself trips a rule,
 * count as an encoded payload. Discussion cues ("what is prompt injection", quoted examples)
 * dampen the score, so that asking <em>about</em> injection is not an attempt.
 *
 * <p>score(type) = (1 - Π(1 - w)) over matched rules of the type × Π(1 - d) over matched dampeners.
 * Thread-safe.
 */
public final class ReferencePromptAttackDetector {

    public static final String RULES_RESOURCE = "/classify/injection-rules.json";
    public static final String PROMPT_INJECTION = "prompt_injection";
    public static final String JAILBREAK = "jailbreak";
    private static final String DAMPEN = "dampen";
    private static final String ENCODED_GROUP = "encoded";
    /** Decoding is bounded so a megabyte of base64 costs no more than a few kilobytes of work. */
    private static final int MAX_DECODED_CHARS = 8_192;

    /** Scores of one text; ids of matched rules are for tests and tuning, never carry text. */
    public record Scores(double injection, double jailbreak, List<String> matchedRules) {
    }

    private record Rule(String id, String type, double weight) {
    }

    private final String version;
    private final List<Rule> rules;
    private final Pattern combined;
    private final double encodedWeight;

    private ReferencePromptAttackDetector(JsonNode pack) {
        this.version = pack.path("version").asText();
        if (version.isBlank()) {
            throw new IllegalArgumentException("rule pack has no version");
        }
        int minLength = pack.path("encodedPayload").path("minLength").asInt(40);
        this.encodedWeight = pack.path("encodedPayload").path("weight").asDouble(0.9);
        List<Rule> list = new ArrayList<>();
        // Rules that start at a word boundary are grouped behind one look-behind, so a position
        // inside a word is rejected with one test instead of one per rule.
        StringBuilder wordRules = new StringBuilder();
        StringBuilder otherRules = new StringBuilder();
        for (JsonNode r : pack.path("rules")) {
            String type = r.path("type").asText();
            if (!type.equals(PROMPT_INJECTION) && !type.equals(JAILBREAK) && !type.equals(DAMPEN)) {
                throw new IllegalArgumentException("rule " + r.path("id").asText() + ": unknown type " + type);
            }
            double w = r.path("weight").asDouble(-1);
            if (w < 0 || w >= 1) {
                throw new IllegalArgumentException("rule " + r.path("id").asText() + ": weight must be in [0, 1)");
            }
            String pattern = r.path("pattern").asText();
            Pattern.compile(pattern, Pattern.CASE_INSENSITIVE); // fail with the rule's own error first
            StringBuilder rx = pattern.startsWith("\\b") ? wordRules : otherRules;
            rx.append(rx.length() > 0 ? "|" : "").append("(?<r").append(list.size()).append('>').append(pattern).append(')');
            list.add(new Rule(r.path("id").asText(), type, w));
        }
        StringBuilder rx = new StringBuilder();
        if (wordRules.length() > 0) {
            rx.append("(?<![A-Za-z0-9_])(?:").append(wordRules).append(")|");
        }
        if (otherRules.length() > 0) {
            rx.append(otherRules).append('|');
        }
        rx.append("(?<").append(ENCODED_GROUP).append(">(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{")
                .append(minLength).append(",}={0,2})");
        this.rules = List.copyOf(list);
        this.combined = Pattern.compile(rx.toString(), Pattern.CASE_INSENSITIVE);
    }

    /** The rule pack bundled with the classifier. */
    public static ReferencePromptAttackDetector bundled() {
        try (InputStream in = ReferencePromptAttackDetector.class.getResourceAsStream(RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RULES_RESOURCE);
            }
            return new ReferencePromptAttackDetector(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String version() {
        return version;
    }

    public Scores score(String text) {
        BitSet hits = new BitSet(rules.size());
        boolean[] encoded = new boolean[2]; // [injection, jailbreak] hit inside a decoded payload
        walk(text, hits, encoded, true);
        double notInj = 1, notJb = 1, notDamp = 1;
        List<String> ids = new ArrayList<>();
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
            Rule r = rules.get(i);
            ids.add(r.id());
            switch (r.type()) {
                case PROMPT_INJECTION -> notInj *= 1 - r.weight();
                case JAILBREAK -> notJb *= 1 - r.weight();
                default -> notDamp *= 1 - r.weight();
            }
        }
        if (encoded[0]) {
            notInj *= 1 - encodedWeight;
            ids.add("encoded." + PROMPT_INJECTION);
        }
        if (encoded[1]) {
            notJb *= 1 - encodedWeight;
            ids.add("encoded." + JAILBREAK);
        }
        return new Scores(round((1 - notInj) * notDamp), round((1 - notJb) * notDamp), List.copyOf(ids));
    }

    private void walk(String text, BitSet hits, boolean[] encoded, boolean decodePayloads) {
        if (text == null || text.isEmpty()) {
            return;
        }
        Matcher m = combined.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            if (m.start(ENCODED_GROUP) >= 0) {
                if (decodePayloads) {
                    inspectPayload(m.group(), encoded);
                }
                from = m.end();
                continue;
            }
            for (int i = 0; i < rules.size(); i++) {
                if (m.start("r" + i) >= 0) {
                    hits.set(i);
                    break;
                }
            }
            // one character on, not past the match: rules may overlap ("ignore ... your system prompt")
            from = m.start() + 1;
        }
    }

    private void inspectPayload(String candidate, boolean[] encoded) {
        String decoded = decode(candidate);
        if (decoded == null) {
            return;
        }
        BitSet inner = new BitSet(rules.size());
        walk(decoded, inner, new boolean[2], false);
        for (int i = inner.nextSetBit(0); i >= 0; i = inner.nextSetBit(i + 1)) {
            String type = rules.get(i).type();
            if (type.equals(PROMPT_INJECTION)) {
                encoded[0] = true;
            } else if (type.equals(JAILBREAK)) {
                encoded[1] = true;
            }
        }
    }

    /** Base64 (standard or URL alphabet) that decodes to mostly printable text; else null. */
    private static String decode(String candidate) {
        String s = candidate.length() > MAX_DECODED_CHARS * 4 / 3 ? candidate.substring(0, MAX_DECODED_CHARS * 4 / 3 / 4 * 4) : candidate;
        String unpadded = s.replace("=", "");
        byte[] bytes;
        try {
            bytes = unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(unpadded)
                    : Base64.getDecoder().decode(unpaddedToPadded(unpadded));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        long printable = text.chars().filter(c -> c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c != 0xFFFD)).count();
        return text.length() > 0 && printable >= text.length() * 0.9 && text.indexOf(' ') >= 0 ? text : null;
    }

    private static String unpaddedToPadded(String s) {
        int rem = s.length() % 4;
        return rem == 2 ? s + "==" : rem == 3 ? s + "=" : rem == 1 ? s.substring(0, s.length() - 1) : s;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
