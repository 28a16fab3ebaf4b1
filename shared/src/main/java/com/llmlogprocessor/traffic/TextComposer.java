package com.llmlogprocessor.traffic;

import java.util.SplittableRandom;

/**
 * Writes chat-like text of a given <em>escaped</em> length from small vocabularies, fast enough
 * to produce 2 MB per side in milliseconds (one StringBuilder, no regex, no per-char objects).
 * Lengths are measured after {@link EscapedJson} escaping, because that is what the 2 MB cap and
 * the chunk sizes count.
 */
final class TextComposer {

    private static final String[] WORDS = ("the a an of to and in is for on with that this it as be are by "
            + "from at or was can will please summarize explain why how what which data model token request "
            + "response gateway latency invoice customer order report table column query index error retry "
            + "function deploy cluster region budget quarter revenue forecast policy contract clause section "
            + "draft email meeting agenda notes product feature release bug test performance memory thread "
            + "design review security access user account password reset translate paragraph document list "
            + "step first second finally however therefore because example result value number average total "
            + "Azure OpenAI Java Python JSON API SQL Kubernetes Docker CSV PDF HTTP").split(" ");
    private static final String[] SHORT = {"a", "I", "ok", "so", "is", "it", "to", "of", "no", "we"};
    private static final String[] PUNCT = {".", ",", "?", "!", ":", ";", " -", "...", ")", "("};
    /** ASCII that still needs escaping, or that HTML-safe encoders escape. */
    private static final String[] SPECIAL = {"\"quoted\"", "C:\\Users\\dev\\report.txt", "\n", "\n\n", "\t",
            "path\\to\\file", "{\"key\": \"value\"}", "</script>", "it's", "a & b", "x < y > z", "1 + 1 = 2",
            "`code`", "50% off", "regex \\d+\\.\\d*", "\"\\\"", "\r\n", "http://example.com/a?b=c&d=e",
            "```java\nSystem.out.println(\"hi\\n\");\n```"};
    private static final String[] ACCENTED = {"café", "naïve", "façade", "Zürich", "São Paulo", "Ångström",
            "déjà vu", "Øresund", "Łódź", "İstanbul", "résumé", "niño", "crème brûlée", "Straße", "Ελλάδα",
            "Привет", "€100", "£50", "±5°C", "™", "—", "“smart quotes”", "…", "\u00A0", "Ärger", "œuvre"};
    private static final String[] CJK = {"日本語", "数据分析", "模型", "你好世界", "東京", "한국어", "ありがとう",
            "人工智能", "请总结这段文字", "機械学習", "，", "。", "、", "请", "解释", "这个", "问题", "カタカナ", "漢字"};
    private static final String[] RTL = {"مرحبا", "שלום", "العربية", "עברית", "سلام", "\u200F", "كتاب"};
    /** Mostly non-BMP (surrogate pairs), plus sequences built with ZWJ, skin tones and flags. */
    private static final String[] EMOJI = {"😀", "🚀", "👍🏽", "👨‍👩‍👧", "🇩🇪", "𝕏", "𠮷野家", "🤖", "🎉", "💡",
            "❤️", "🧪", "𝄞", "😂😂"};
    private static final String[] CONTROL = {"\u0000", "\u0001", "\u001F", "\u007F", "\u2028", "\u2029",
            "\uFEFF", "\u000B", "\b", "\f"};

    private final SplittableRandom rnd;
    private final EscapeStyle style;
    private final boolean nonAscii;
    private final boolean emoji;
    private final boolean controlChars;

    TextComposer(SplittableRandom rnd, EscapeStyle style, boolean nonAscii, boolean emoji, boolean controlChars) {
        this.rnd = rnd;
        this.style = style;
        this.nonAscii = nonAscii;
        this.emoji = emoji;
        this.controlChars = controlChars;
    }

    int escapedLength(String s) {
        return EscapedJson.escapedLength(s, style);
    }

    /** Text whose escaped length is at most {@code maxEscaped} and, when room allows, close to it. */
    String compose(int maxEscaped) {
        StringBuilder sb = new StringBuilder(Math.max(16, Math.min(maxEscaped, 1 << 22)));
        int len = 0;
        boolean cjkHeavy = nonAscii && rnd.nextInt(10) < 4;
        int untilPunct = 4 + rnd.nextInt(14);
        while (true) {
            String token = nextToken(cjkHeavy);
            boolean glue = sb.length() == 0 || (cjkHeavy && isCjk(token)) || token.startsWith(",")
                    || token.equals(".") || token.equals("?") || token.equals("!");
            if (--untilPunct <= 0) {
                token = PUNCT[rnd.nextInt(PUNCT.length)];
                glue = sb.length() > 0;
                untilPunct = 4 + rnd.nextInt(14);
            }
            int add = escapedLength(token) + (glue ? 0 : 1);
            if (len + add > maxEscaped) {
                // top up with short ASCII words so large texts land within a few chars of the budget
                int room = maxEscaped - len;
                if (room >= 2) {
                    String s = SHORT[rnd.nextInt(SHORT.length)];
                    int gap = sb.length() == 0 ? 0 : 1;
                    if (s.length() + gap <= room) {
                        sb.append(gap == 0 ? "" : " ").append(s);
                        len += s.length() + gap;
                        continue;
                    }
                    sb.append(' ');
                    len++;
                    continue;
                }
                break;
            }
            if (!glue) {
                sb.append(' ');
            }
            sb.append(token);
            len += add;
        }
        return sb.toString();
    }

    private String nextToken(boolean cjkHeavy) {
        int r = rnd.nextInt(1000);
        if (cjkHeavy) {
            return r < 750 ? pick(CJK) : pick(WORDS);
        }
        if (controlChars && r < 15) {
            return pick(CONTROL);
        }
        if (emoji && r >= 15 && r < 55) {
            return pick(EMOJI);
        }
        if (nonAscii) {
            if (r >= 55 && r < 185) {
                return pick(ACCENTED);
            }
            if (r >= 185 && r < 215) {
                return pick(CJK);
            }
            if (r >= 215 && r < 235) {
                return pick(RTL);
            }
        }
        if (r >= 235 && r < 265) {
            return pick(SPECIAL);
        }
        return pick(WORDS);
    }

    private String pick(String[] pool) {
        return pool[rnd.nextInt(pool.length)];
    }

    private static boolean isCjk(String token) {
        char c = token.charAt(0);
        return c >= 0x3000 && c <= 0xD7FF || c >= 0xFF00 && c <= 0xFFEF;
    }

    /**
     * Puts {@code insertion} at a random word boundary of {@code text} (between two spaces-separated
     * words, never inside a surrogate pair), separated by spaces.
     */
    String insertAtWordBoundary(String text, String insertion) {
        if (text.isEmpty()) {
            return insertion;
        }
        int from = rnd.nextInt(text.length());
        int space = text.indexOf(' ', from);
        if (space < 0) {
            space = text.lastIndexOf(' ', from);
        }
        if (space < 0) {
            return text + " " + insertion;
        }
        return text.substring(0, space) + " " + insertion + text.substring(space);
    }
}
