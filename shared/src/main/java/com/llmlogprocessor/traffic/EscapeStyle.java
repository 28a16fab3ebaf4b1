package com.llmlogprocessor.traffic;

/**
 * How the gateway serialises message JSON before cutting it into fragments. Every style escapes
 * each character above 0x7E as {@code \}{@code uXXXX} (a non-BMP character as two escapes, one per
 * surrogate), so the serialised text is pure ASCII and CJK grows about sixfold on the wire.
 */
public enum EscapeStyle {
    /** {@code \}{@code u00E9}: upper-case hex, quotes as {@code \"} (System.Text.Json / Jackson style). */
    UPPER_HEX,
    /** {@code \}{@code u00e9}: lower-case hex (Newtonsoft style). */
    LOWER_HEX,
    /**
     * System.Text.Json's default encoder: upper-case hex and, in addition, the HTML-sensitive
     * characters {@code " ' < > & + `} as {@code \}{@code u00XX} (a quote becomes {@code \}{@code u0022}).
     */
    DOTNET_HTML_SAFE
}
