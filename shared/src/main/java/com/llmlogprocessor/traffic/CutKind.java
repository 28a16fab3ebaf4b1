package com.llmlogprocessor.traffic;

/**
 * Where a fragment boundary falls in the escaped JSON text, judged by the characters just before
 * the cut. Only the three escape-related kinds are interesting for reassembly; everything else
 * is {@link #PLAIN}.
 */
public enum CutKind {
    /** Between two ordinary characters (inside or outside a string), or at either end. */
    PLAIN,
    /** Right after the backslash that starts an escape: the fragment ends with a lone {@code \}. */
    AFTER_BACKSLASH,
    /** After {@code \}{@code u} and zero to three of its four hex digits. */
    INSIDE_UNICODE_ESCAPE,
    /** Exactly between the high-surrogate escape and the low-surrogate escape of one non-BMP character. */
    BETWEEN_SURROGATE_ESCAPES;

    /** The three kinds that {@link CallSpec#forcedCuts()} can request. */
    public static final java.util.List<CutKind> ESCAPE_KINDS =
            java.util.List.of(AFTER_BACKSLASH, INSIDE_UNICODE_ESCAPE, BETWEEN_SURROGATE_ESCAPES);
}
