package com.llmlogprocessor.enrich;

import com.llmlogprocessor.classify.ContentClassifier;
import com.llmlogprocessor.conversation.ChatText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The question of a conversation, normalised for "what do people ask most".
 *
 * <p>The question is the last user message. Its text is redacted first (an e-mail address becomes
 * {@code [EMAIL]}, so questions that differ only in whose address they mention group together and
 * no PII reaches the FAQ), then lower-cased, stripped of punctuation and whitespace-collapsed:
 * that is {@link Question#text()} (at most {@value #MAX_TEXT} chars).
 *
 * <p>The {@link Question#fingerprint() fingerprint} is an exact group key: the content words
 * (stop words, auxiliaries, pronouns and politeness removed; light suffix stemming), as a sorted
 * set, SHA-256, first 16 hex chars. "How do I reset my password?" and "how can i reset my
 * password" share it; "How do I delete my account?" does not. Question words ("how", "what",
 * "why") and negations are kept: they change what is asked.
 *
 * <p>The {@link Question#simhash() simhash} is a 64-bit SimHash over the content words and their
 * bigrams, for merging near-duplicates whose fingerprints differ ({@link #hamming(long, long)} ≤ ~6).
 */
public final class QuestionFingerprint {

    public static final int MAX_TEXT = 300;
    /** A question is a sentence or a paragraph; a pasted document past this is cut before normalising. */
    public static final int MAX_INPUT_CHARS = 10_000;

    /** A redaction placeholder, kept whole, or a run of letters/digits. */
    private static final Pattern TOKEN = Pattern.compile("(\\[[A-Z_]{2,20}\\])|[\\p{L}\\p{M}\\p{N}]+");
    private static final Pattern BRITISH_ISE = Pattern.compile("is(e|ed|es|ing|ation|ations)$");
    private static final Pattern APOSTROPHE = Pattern.compile("(\\p{L})['’](\\p{L})");
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "do", "does", "did", "doing", "done", "can", "could", "would", "should", "will",
            "shall", "may", "might", "must", "is", "are", "am", "was", "were", "be", "been", "being", "have", "has",
            "had", "i", "im", "ive", "id", "ill", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you",
            "your", "yours", "youre", "u", "ur", "it", "its", "this", "that", "these", "those", "there", "here",
            "to", "of", "for", "in", "on", "at", "by", "with", "from", "into", "onto", "about", "as", "and", "or",
            "so", "then", "just", "also", "some", "any", "please", "pls", "plz", "kindly", "hi", "hello", "hey",
            "thanks", "thank", "thx", "ok", "okay", "possible", "able", "way", "help", "need", "want", "like",
            "know", "tell", "let", "get", "go", "going", "really", "actually", "quick", "question");
    private static final Map<String, String> CONTRACTIONS = Map.of(
            "whats", "what", "hows", "how", "wheres", "where", "whos", "who", "whys", "why", "cant", "not",
            "cannot", "not", "dont", "not", "doesnt", "not", "wont", "not");

    private QuestionFingerprint() {
    }

    public static Optional<Question> of(List<ChatText> request, ContentClassifier c) {
        if (request == null) {
            return Optional.empty();
        }
        for (int i = request.size() - 1; i >= 0; i--) {
            ChatText m = request.get(i);
            if ("user".equalsIgnoreCase(m.role()) && !m.text().isBlank()) {
                return ofText(m.text(), c);
            }
        }
        return Optional.empty();
    }

    /** The question of one user text; empty if nothing word-like is left. */
    public static Optional<Question> ofText(String userText, ContentClassifier c) {
        String input = userText.length() > MAX_INPUT_CHARS ? userText.substring(0, MAX_INPUT_CHARS) : userText;
        String redacted = c.redact(input);
        String normalised = normalise(redacted);
        if (normalised.isEmpty()) {
            return Optional.empty();
        }
        List<String> words = List.of(normalised.split(" "));
        List<String> content = new ArrayList<>();
        for (String w : words) {
            String t = CONTRACTIONS.getOrDefault(w, w);
            if (!STOP_WORDS.contains(t)) {
                content.add(t.startsWith("[") ? t : stem(t));
            }
        }
        if (content.isEmpty()) {
            content = words; // "hi" or "thanks": group by the words themselves
        }
        String key = String.join(" ", new TreeSet<>(content));
        String fingerprint = HexFormat.of().formatHex(sha256(key), 0, 8);
        String text = normalised.length() > MAX_TEXT ? cut(normalised) : normalised;
        return Optional.of(new Question(text, fingerprint, simhash(content)));
    }

    /** Number of differing bits of two SimHashes. */
    public static int hamming(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** Lower case, punctuation to spaces, whitespace collapsed; placeholders stay {@code [EMAIL]}. */
    static String normalise(String redacted) {
        String joined = APOSTROPHE.matcher(redacted).replaceAll("$1$2");
        Matcher m = TOKEN.matcher(joined);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(m.group(1) != null ? m.group(1) : m.group().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** Light suffix stemming: enough for plurals and -ing/-ed forms to meet their base word. */
    static String stem(String w) {
        if (w.length() <= 3 || !w.chars().allMatch(ch -> ch < 128)) {
            return w;
        }
        // British -ise/-isation spellings meet American -ize: "summarise" = "summarize"
        String s = w.length() > 6 ? BRITISH_ISE.matcher(w).replaceFirst("iz$1") : w;
        if (s.endsWith("ies") && s.length() > 4) {
            s = s.substring(0, s.length() - 3) + "y";
        } else if (s.endsWith("sses")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("ing") && s.length() > 5) {
            s = undouble(s.substring(0, s.length() - 3));
        } else if (s.endsWith("ed") && s.length() > 4) {
            s = undouble(s.substring(0, s.length() - 2));
        }
        if (s.endsWith("e") && s.length() > 4) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String undouble(String s) {
        int n = s.length();
        if (n >= 2 && s.charAt(n - 1) == s.charAt(n - 2) && "lsz".indexOf(s.charAt(n - 1)) < 0
                && "aeiou".indexOf(s.charAt(n - 1)) < 0) {
            return s.substring(0, n - 1);
        }
        return s;
    }

    static long simhash(List<String> words) {
        int[] v = new int[64];
        List<String> features = new ArrayList<>(words);
        for (int i = 0; i + 1 < words.size(); i++) {
            features.add(words.get(i) + " " + words.get(i + 1));
        }
        for (String f : features) {
            long h = hash64(f);
            for (int b = 0; b < 64; b++) {
                v[b] += ((h >>> b) & 1) != 0 ? 1 : -1;
            }
        }
        long out = 0;
        for (int b = 0; b < 64; b++) {
            if (v[b] > 0) {
                out |= 1L << b;
            }
        }
        return out;
    }

    /** FNV-1a 64 with a SplitMix finaliser, so that short similar words spread over all bits. */
    private static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static String cut(String s) {
        int end = s.lastIndexOf(' ', MAX_TEXT);
        return s.substring(0, end > MAX_TEXT / 2 ? end : MAX_TEXT);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
