package com.llmlogprocessor.classify;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * {@code security.system_prompt_leak}: the response repeats a substantial part of the system
 * prompt. Measured as the share of the system prompt's distinct word 8-shingles that also occur in
 * the response; only system prompts of at least {@value #MIN_WORDS} words are judged, since short
 * ones ("You are a helpful assistant.") are echoed innocently all the time. Shingles are hashed so
 * that a multi-megabyte response is streamed, never held as a set of strings.
 */
public final class SystemPromptLeakDetector {

    public static final int SHINGLE = 8;
    public static final int MIN_WORDS = 20;
    public static final double MIN_SHARE = 0.5;

    private SystemPromptLeakDetector() {
    }

    /** The share of system-prompt shingles found in the response, or empty when the prompt is too short to judge. */
    public static OptionalDouble overlap(String systemPrompt, String response) {
        long[] sys = shingles(systemPrompt);
        if (sys == null || response == null || response.isEmpty()) {
            return OptionalDouble.empty();
        }
        long[] wanted = distinctSorted(sys);
        int total = wanted.length;
        boolean[] seen = new boolean[total];
        long[] window = new long[SHINGLE];
        int[] n = {0, 0}; // words so far, distinct wanted shingles found
        forEachWord(response, w -> {
            window[n[0] % SHINGLE] = w;
            n[0]++;
            if (n[0] >= SHINGLE) {
                int at = Arrays.binarySearch(wanted, combine(window, n[0]));
                if (at >= 0 && !seen[at]) {
                    seen[at] = true;
                    n[1]++;
                }
            }
        });
        return OptionalDouble.of(n[1] / (double) total);
    }

    private static long[] distinctSorted(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        int out = 0;
        for (int i = 0; i < v.length; i++) {
            if (out == 0 || v[out - 1] != v[i]) {
                v[out++] = v[i];
            }
        }
        return Arrays.copyOf(v, out);
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
                box[0] = Arrays.copyOf(box[0], n[0] * 2);
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

    /** Words = runs of letters/digits, lower-cased, hashed (FNV-1a 64). ASCII without the Character tables. */
    private static void forEachWord(String text, WordSink sink) {
        long h = 0;
        boolean in = false;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            char lower;
            if (c < 0x80) {
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    lower = c;
                } else if (c >= 'A' && c <= 'Z') {
                    lower = (char) (c + ('a' - 'A'));
                } else {
                    lower = 0;
                }
            } else {
                lower = Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0;
            }
            if (lower != 0) {
                if (!in) {
                    h = 0xcbf29ce484222325L;
                    in = true;
                }
                h = (h ^ lower) * 0x100000001b3L;
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
