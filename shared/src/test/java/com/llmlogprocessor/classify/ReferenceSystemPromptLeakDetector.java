package com.llmlogprocessor.classify;

import java.util.HashSet;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Test oracle: {@code SystemPromptLeakDetector} as it was before the dispatching rewrite (commit a540e82),
 * renamed and otherwise verbatim. {@link ClassifierEquivalenceTest} holds the new implementation to
 * its results; do not change it.
 *
 * <p>{@code security.system_prompt_leak}: the response repeats a substantial part of the system
 * prompt. Measured as the share of the system prompt's distinct word 8-shingles that also occur in
 * the response; only system prompts of at least {@value #MIN_WORDS} words are judged, since short
 * ones ("You are a helpful assistant.") are echoed innocently all the time. Shingles are hashed so
 * that a multi-megabyte response is streamed, never held as a set of strings.
 */
public final class ReferenceSystemPromptLeakDetector {

    public static final int SHINGLE = 8;
    public static final int MIN_WORDS = 20;
    public static final double MIN_SHARE = 0.5;

    private ReferenceSystemPromptLeakDetector() {
    }

    /** The share of system-prompt shingles found in the response, or empty when the prompt is too short to judge. */
    public static OptionalDouble overlap(String systemPrompt, String response) {
        long[] sys = shingles(systemPrompt);
        if (sys == null || response == null || response.isEmpty()) {
            return OptionalDouble.empty();
        }
        Set<Long> wanted = new HashSet<>();
        for (long h : sys) {
            wanted.add(h);
        }
        int total = wanted.size();
        long[] window = new long[SHINGLE];
        int[] n = {0};
        Set<Long> found = new HashSet<>();
        forEachWord(response, w -> {
            window[n[0] % SHINGLE] = w;
            n[0]++;
            if (n[0] >= SHINGLE) {
                long h = combine(window, n[0]);
                if (wanted.remove(h)) {
                    found.add(h);
                }
            }
        });
        return OptionalDouble.of(found.size() / (double) total);
    }

    public static boolean leaked(String systemPrompt, String response) {
        OptionalDouble o = overlap(systemPrompt, response);
        return o.isPresent() && o.getAsDouble() >= MIN_SHARE;
    }

    private static long[] shingles(String text) {
        if (text == null) {
            return null;
        }
        long[] words = new long[Math.max(16, text.length() / 4)];
        int[] n = {0};
        long[][] box = {words};
        forEachWord(text, w -> {
            if (n[0] == box[0].length) {
                box[0] = java.util.Arrays.copyOf(box[0], n[0] * 2);
            }
            box[0][n[0]++] = w;
        });
        if (n[0] < MIN_WORDS) {
            return null;
        }
        long[] out = new long[n[0] - SHINGLE + 1];
        long[] window = new long[SHINGLE];
        for (int i = 0; i < n[0]; i++) {
            window[i % SHINGLE] = box[0][i];
            if (i + 1 >= SHINGLE) {
                out[i + 1 - SHINGLE] = combine(window, i + 1);
            }
        }
        return out;
    }

    /** Hash of the last {@link #SHINGLE} words in ring buffer {@code window} after {@code count} words, in order. */
    private static long combine(long[] window, int count) {
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < SHINGLE; k++) {
            h = (h ^ window[(count + k) % SHINGLE]) * 0x100000001b3L;
            h ^= h >>> 29;
        }
        return h;
    }

    private interface WordSink {
        void accept(long wordHash);
    }

    /** Words = runs of letters/digits, lower-cased, hashed (FNV-1a 64). */
    private static void forEachWord(String text, WordSink sink) {
        long h = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (!in) {
                    h = 0xcbf29ce484222325L;
                    in = true;
                }
                h = (h ^ Character.toLowerCase(c)) * 0x100000001b3L;
            } else if (in) {
                sink.accept(h);
                in = false;
            }
        }
        if (in) {
            sink.accept(h);
        }
    }

}
