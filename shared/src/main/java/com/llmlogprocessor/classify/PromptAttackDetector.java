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
 * Scores a text for {@code security.prompt_injection} and {@code security.jailbreak} with a
 * versioned, weighted rule pack ({@code classify/injection-rules.json}). The rules act as one
 * case-insensitive alternation walked once over the text: at each position the first rule that
 * matches there counts (rules starting with {@code \b} first, behind one word-start look-behind),
 * and each rule counts at most once. Long base64 runs are decoded and, when the decoded text itself trips a rule,
 * count as an encoded payload. Discussion cues ("what is prompt injection", quoted examples)
 * dampen the score, so that asking <em>about</em> injection is not an attempt.
 *
 * <p>score(type) = (1 - Π(1 - w)) over matched rules of the type × Π(1 - d) over matched dampeners.
 *
 * <p>Rather than run that alternation at every position, each rule's literal starts are read off
 * its pattern ({@link RegexStarts}: {@code ignore}, {@code disregard}, {@code <|im_start|>}, ...) and
 * indexed in a trie; the walk runs a rule's own pattern only where the text, ASCII lower-cased,
 * starts with one of them, in the alternation's order, so the outcome is the alternation's. Should
 * a rule's start not be known, the detector walks the alternation itself. Thread-safe.
 */
public final class PromptAttackDetector {

    public static final String RULES_RESOURCE = "/classify/injection-rules.json";
    public static final String PROMPT_INJECTION = "prompt_injection";
    public static final String JAILBREAK = "jailbreak";
    private static final String DAMPEN = "dampen";
    private static final String ENCODED_GROUP = "encoded";
    private static final String WORD_START = "(?<![A-Za-z0-9_])";
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
    private final int encodedMinLength;
    /** Each rule on its own, as it stands in the alternation (word rules behind the same look-behind). */
    private final Pattern[] rulePatterns;
    /** Rule indices in the alternation's order: word rules, then the others, each in pack order. */
    private final int[] order;
    /** Rule starts, by position in {@link #order}; null when some rule's start is unknown (walk the alternation). */
    private final StartIndex wordStarts;
    private final StartIndex otherStarts;
    private final int[] atInputStart;
    private final Pattern encodedPattern;

    private PromptAttackDetector(JsonNode pack) {
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
        List<String> patterns = new ArrayList<>();
        List<Boolean> isWordRule = new ArrayList<>();
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
            patterns.add(pattern);
            isWordRule.add(pattern.startsWith("\\b"));
            rx.append(rx.length() > 0 ? "|" : "").append("(?<r").append(list.size()).append('>').append(pattern).append(')');
            list.add(new Rule(r.path("id").asText(), type, w));
        }
        StringBuilder rx = new StringBuilder();
        if (wordRules.length() > 0) {
            rx.append(WORD_START + "(?:").append(wordRules).append(")|");
        }
        if (otherRules.length() > 0) {
            rx.append(otherRules).append('|');
        }
        rx.append("(?<").append(ENCODED_GROUP).append(">(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{")
                .append(minLength).append(",}={0,2})");
        this.rules = List.copyOf(list);
        this.combined = Pattern.compile(rx.toString(), Pattern.CASE_INSENSITIVE);

        this.encodedMinLength = minLength;
        this.encodedPattern = Pattern.compile("(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{" + minLength + ",}={0,2}",
                Pattern.CASE_INSENSITIVE);
        List<Integer> ordered = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            if (isWordRule.get(i)) {
                ordered.add(i);
            }
        }
        for (int i = 0; i < patterns.size(); i++) {
            if (!isWordRule.get(i)) {
                ordered.add(i);
            }
        }
        this.order = ordered.stream().mapToInt(Integer::intValue).toArray();
        this.rulePatterns = new Pattern[patterns.size()];
        StartIndex words = new StartIndex();
        StartIndex others = new StartIndex();
        List<Integer> atStart = new ArrayList<>();
        boolean known = true;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            String pattern = patterns.get(i);
            rulePatterns[i] = Pattern.compile((isWordRule.get(i) ? WORD_START : "") + "(?:" + pattern + ")",
                    Pattern.CASE_INSENSITIVE);
            RegexStarts.Starts starts = RegexStarts.of(pattern);
            if (starts == null || starts.literals().stream().anyMatch(l -> Character.isLowSurrogate(l.charAt(0)))) {
                known = false; // a rule that could start anywhere, or inside a surrogate pair: walk the alternation
                continue;
            }
            for (String literal : starts.literals()) {
                (isWordRule.get(i) ? words : others).add(literal, k);
            }
            if (starts.atInputStart()) {
                atStart.add(k);
            }
        }
        this.wordStarts = known ? words : null;
        this.otherStarts = known ? others : null;
        this.atInputStart = atStart.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The rule pack bundled with the classifier. */
    public static PromptAttackDetector bundled() {
        try (InputStream in = PromptAttackDetector.class.getResourceAsStream(RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RULES_RESOURCE);
            }
            return new PromptAttackDetector(new ObjectMapper().readTree(in));
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

    /** Whether the rule index is in use (every rule's start is known), else the alternation is walked. */
    boolean indexed() {
        return wordStarts != null;
    }

    private void walk(String text, BitSet hits, boolean[] encoded, boolean decodePayloads) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (indexed()) {
            walkIndexed(text, hits, encoded, decodePayloads);
        } else {
            walkAlternation(text, hits, encoded, decodePayloads);
        }
    }

    /**
     * The walk of {@link #walkAlternation}, with each rule tried only where the text starts with one
     * of its literal starts. Every position is visited (the alternation's {@code find} skips the low
     * half of a surrogate pair, but no rule and no payload can start there: their starts are known
     * and none begins with a low surrogate, and a payload starts with an ASCII character).
     */
    private void walkIndexed(String text, BitSet hits, boolean[] encoded, boolean decodePayloads) {
        int n = text.length();
        Matcher[] matchers = new Matcher[rules.size()];
        Matcher payload = null;
        Candidates candidates = new Candidates();
        int p = 0;
        while (p < n) {
            char prev = p > 0 ? text.charAt(p - 1) : '\0';
            candidates.size = 0;
            otherStarts.collect(text, p, candidates);
            if (!wordChar(prev)) {
                wordStarts.collect(text, p, candidates);
            }
            if (p == 0) {
                for (int k : atInputStart) {
                    candidates.add(k);
                }
            }
            boolean payloadHere = mayStartPayload(text, p, prev);
            int count = candidates.size;
            if (count > 0) {
                candidates.sortDistinct();
                count = candidates.size;
                int[] cand = candidates.items;
                int limit = count;
                if (!payloadHere) {
                    // a rule already counted changes nothing by matching here, unless its match keeps a payload from starting
                    limit = 0;
                    for (int k = 0; k < count; k++) {
                        if (!hits.get(order[cand[k]])) {
                            limit = k + 1;
                        }
                    }
                }
                boolean matched = false;
                for (int k = 0; k < limit && !matched; k++) {
                    int r = order[cand[k]];
                    Matcher m = matchers[r];
                    if (m == null) {
                        m = rulePatterns[r].matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                        matchers[r] = m;
                    }
                    if (m.region(p, n).lookingAt()) {
                        hits.set(r);
                        matched = true;
                    }
                }
                if (matched) {
                    p++; // one character on, not past the match: rules may overlap
                    continue;
                }
            }
            if (payloadHere) {
                if (payload == null) {
                    payload = encodedPattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                }
                if (payload.region(p, n).lookingAt()) {
                    if (decodePayloads) {
                        inspectPayload(payload.group(), encoded);
                    }
                    p = payload.end();
                    continue;
                }
            }
            p++;
        }
    }

    /** The payload's look-behind holds at p and a run of at least {@code minLength} payload characters starts there. */
    private boolean mayStartPayload(String text, int p, char prev) {
        if (payloadChar(prev) || prev == '=') {
            return false;
        }
        int n = text.length();
        int i = p;
        while (i < n && i - p < encodedMinLength && payloadChar(text.charAt(i))) {
            i++;
        }
        return i - p >= encodedMinLength;
    }

    private static boolean payloadChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '_'
                || c == '-';
    }

    private static boolean wordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** The alternation of all rules and the payload shape, walked with {@code find}. */
    private void walkAlternation(String text, BitSet hits, boolean[] encoded, boolean decodePayloads) {
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

    /** A growable list of candidate rules at one position. */
    private static final class Candidates {
        int[] items = new int[16];
        int size;

        void add(int rule) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = rule;
        }

        /** Sorts ascending and drops duplicates. */
        void sortDistinct() {
            int[] a = items;
            for (int i = 1; i < size; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= 0 && a[j] > v) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            int out = 0;
            for (int i = 0; i < size; i++) {
                if (out == 0 || a[out - 1] != a[i]) {
                    a[out++] = a[i];
                }
            }
            size = out;
        }
    }

    /**
     * Literal starts of rules (ASCII lower-cased) in a trie. {@link #collect} adds the rules (by
     * position in {@link #order}) whose start the text has at a position; a rule may be added twice.
     */
    private static final class StartIndex {
        private final Node[] root = new Node[128];
        private final Node nonAsciiRoot = new Node();

        void add(String literal, int rule) {
            char first = literal.charAt(0);
            Node node;
            if (first < 128) {
                if (root[first] == null) {
                    root[first] = new Node();
                }
                node = root[first];
            } else {
                node = nonAsciiRoot.childOrNew(first);
            }
            for (int i = 1; i < literal.length(); i++) {
                node = node.childOrNew(literal.charAt(i));
            }
            node.rules = java.util.Arrays.copyOf(node.rules, node.rules.length + 1);
            node.rules[node.rules.length - 1] = rule;
        }

        void collect(String text, int p, Candidates out) {
            char c = lower(text.charAt(p));
            Node node = c < 128 ? root[c] : nonAsciiRoot.child(c);
            int n = text.length();
            for (int i = p + 1; node != null; i++) {
                for (int r : node.rules) {
                    out.add(r);
                }
                node = i < n ? node.child(lower(text.charAt(i))) : null;
            }
        }

        private static char lower(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }

        private static final class Node {
            private char[] keys = new char[0];
            private Node[] kids = new Node[0];
            int[] rules = new int[0];

            Node child(char c) {
                char[] k = keys;
                for (int i = 0; i < k.length; i++) {
                    if (k[i] == c) {
                        return kids[i];
                    }
                }
                return null;
            }

            Node childOrNew(char c) {
                Node kid = child(c);
                if (kid == null) {
                    kid = new Node();
                    keys = java.util.Arrays.copyOf(keys, keys.length + 1);
                    kids = java.util.Arrays.copyOf(kids, kids.length + 1);
                    keys[keys.length - 1] = c;
                    kids[kids.length - 1] = kid;
                }
                return kid;
            }
        }
    }
}
