package com.llmlogprocessor.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The gateway's way of writing message JSON: compact, every character above 0x7E as a
 * {@code \}{@code uXXXX} escape (surrogate pairs as two escapes), quotes, backslashes and control
 * characters escaped as JSON requires. Plus the inverse view the tests need: where the escapes
 * are, and what kind of boundary a cut position is.
 *
 * <p>Written by hand rather than with Jackson's {@code ESCAPE_NON_ASCII} so that the hex case and
 * the .NET HTML-safe variant can be chosen, and so that escaped lengths can be computed without
 * writing anything.
 */
public final class EscapedJson {

    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] LOWER = "0123456789abcdef".toCharArray();

    private EscapedJson() {
    }

    /** Serialises a Jackson tree (objects keep their field order) in the given style. */
    public static String write(JsonNode node, EscapeStyle style) {
        StringBuilder sb = new StringBuilder(256);
        write(node, style, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, EscapeStyle style, StringBuilder sb) {
        if (node.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    sb.append(',');
                }
                first = false;
                appendQuoted(sb, e.getKey(), style);
                sb.append(':');
                write(e.getValue(), style, sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(node.get(i), style, sb);
            }
            sb.append(']');
        } else if (node.isTextual()) {
            appendQuoted(sb, node.textValue(), style);
        } else {
            sb.append(node.toString()); // numbers, booleans, null: already ASCII
        }
    }

    private static void appendQuoted(StringBuilder sb, String s, EscapeStyle style) {
        sb.append('"');
        appendEscaped(sb, s, style);
        sb.append('"');
    }

    /** Appends the escaped form of {@code s} (without surrounding quotes). */
    public static void appendEscaped(StringBuilder sb, CharSequence s, EscapeStyle style) {
        char[] hex = style == EscapeStyle.LOWER_HEX ? LOWER : UPPER;
        boolean htmlSafe = style == EscapeStyle.DOTNET_HTML_SAFE;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && !(htmlSafe && isHtmlSensitive(c))) {
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append('\\').append('u')
                        .append(hex[(c >> 12) & 0xF]).append(hex[(c >> 8) & 0xF])
                        .append(hex[(c >> 4) & 0xF]).append(hex[c & 0xF]);
            }
        }
    }

    /** The length {@link #appendEscaped} would produce, without producing it. */
    public static int escapedLength(CharSequence s, EscapeStyle style) {
        boolean htmlSafe = style == EscapeStyle.DOTNET_HTML_SAFE;
        int len = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && !(htmlSafe && isHtmlSensitive(c))) {
                len += (c == '"' || c == '\\') ? 2 : 1;
            } else if (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                len += 2;
            } else {
                len += 6;
            }
        }
        return len;
    }

    private static boolean isHtmlSensitive(char c) {
        return c == '"' || c == '\'' || c == '<' || c == '>' || c == '&' || c == '+' || c == '`';
    }

    /** One escape sequence inside a string of the escaped text. */
    record Escape(int start, int length, int codeUnit) {
        boolean isUnicode() {
            return length == 6;
        }

        boolean isHighSurrogate() {
            return isUnicode() && Character.isHighSurrogate((char) codeUnit);
        }

        boolean isLowSurrogate() {
            return isUnicode() && Character.isLowSurrogate((char) codeUnit);
        }

        int end() {
            return start + length;
        }
    }

    interface EscapeVisitor {
        void visit(Escape escape);
    }

    /** Calls {@code visitor} for every escape sequence inside string literals, in text order. */
    static void forEachEscape(String json, EscapeVisitor visitor) {
        boolean inString = false;
        int n = json.length();
        int i = 0;
        while (i < n) {
            char c = json.charAt(i);
            if (!inString) {
                if (c == '"') {
                    inString = true;
                }
                i++;
            } else if (c == '\\' && i + 1 < n) {
                if (json.charAt(i + 1) == 'u' && i + 6 <= n) {
                    visitor.visit(new Escape(i, 6, Integer.parseInt(json, i + 2, i + 6, 16)));
                    i += 6;
                } else {
                    visitor.visit(new Escape(i, 2, json.charAt(i + 1)));
                    i += 2;
                }
            } else {
                if (c == '"') {
                    inString = false;
                }
                i++;
            }
        }
    }

    /**
     * Classifies each cut position (offsets into {@code json}, ascending) by what it splits:
     * see {@link CutKind}. One pass over the text.
     */
    public static List<CutKind> classifyCuts(String json, int[] cuts) {
        CutKind[] kinds = new CutKind[cuts.length];
        java.util.Arrays.fill(kinds, CutKind.PLAIN);
        Escape[] previous = new Escape[1];
        int[] next = {0};
        forEachEscape(json, esc -> {
            int k = next[0];
            while (k < cuts.length && cuts[k] < esc.start()) {
                k++;
            }
            for (; k < cuts.length && cuts[k] < esc.end(); k++) {
                int p = cuts[k];
                if (p > esc.start()) {
                    kinds[k] = p == esc.start() + 1 ? CutKind.AFTER_BACKSLASH : CutKind.INSIDE_UNICODE_ESCAPE;
                } else if (esc.isLowSurrogate() && previous[0] != null
                        && previous[0].end() == p && previous[0].isHighSurrogate()) {
                    kinds[k] = CutKind.BETWEEN_SURROGATE_ESCAPES;
                }
            }
            next[0] = k;
            previous[0] = esc;
        });
        return List.of(kinds);
    }

    /** The offsets in the joined text at which consecutive fragments meet. */
    public static int[] cutPositions(List<String> fragments) {
        int[] cuts = new int[Math.max(0, fragments.size() - 1)];
        int pos = 0;
        for (int i = 0; i < cuts.length; i++) {
            pos += fragments.get(i).length();
            cuts[i] = pos;
        }
        return cuts;
    }

    /** Classifies the boundaries between consecutive fragments of one field. */
    public static List<CutKind> classifyFragmentBoundaries(List<String> fragments) {
        return classifyCuts(String.join("", fragments), cutPositions(fragments));
    }

    /**
     * A random position at which a cut would be of {@code kind}, or -1 if the text has none
     * (reservoir sampling: one pass, no candidate list). For {@link CutKind#AFTER_BACKSLASH} a
     * short escape such as {@code \"} is preferred to the backslash of a {@code \}{@code u} escape.
     */
    static int pickCut(String json, CutKind kind, java.util.SplittableRandom rnd) {
        int[] chosen = {-1, -1};   // [preferred, fallback]
        int[] seen = {0, 0};
        Escape[] previous = new Escape[1];
        forEachEscape(json, esc -> {
            int slot = -1;
            int pos = -1;
            switch (kind) {
                case AFTER_BACKSLASH -> {
                    slot = esc.isUnicode() ? 1 : 0;
                    pos = esc.start() + 1;
                }
                case INSIDE_UNICODE_ESCAPE -> {
                    if (esc.isUnicode()) {
                        slot = 0;
                        pos = esc.start() + 2 + rnd.nextInt(4); // after the backslash, the u and 0..3 hex digits
                    }
                }
                case BETWEEN_SURROGATE_ESCAPES -> {
                    if (esc.isLowSurrogate() && previous[0] != null && previous[0].isHighSurrogate()
                            && previous[0].end() == esc.start()) {
                        slot = 0;
                        pos = esc.start();
                    }
                }
                default -> { }
            }
            if (slot >= 0 && rnd.nextInt(++seen[slot]) == 0) {
                chosen[slot] = pos;
            }
            previous[0] = esc;
        });
        return chosen[0] >= 0 ? chosen[0] : chosen[1];
    }
}
