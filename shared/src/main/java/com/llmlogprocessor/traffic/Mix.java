package com.llmlogprocessor.traffic;

/** Canned distributions of {@link CallSpec}s for {@link TrafficGenerator#mix}. */
public enum Mix {
    /**
     * Production-like: mostly TINY/SMALL/MEDIUM, ~3% LARGE; ~3% probes, ~3% backend 429s, ~1%
     * content-filtered; some non-ASCII, emoji, content parts, multi-turn, PII/secret/injection text;
     * 90% with a GatewayLogs half; default chunk sizes.
     */
    REALISTIC,
    /**
     * Every call at the 2 MB cap on both sides ({@link Size#CAP}); every fifth call
     * ({@code index % 5 == 4}) is {@link Size#OVER_CAP}, i.e. logged truncated at exactly 2 MB.
     */
    STRESS,
    /**
     * Small calls built to break reassembly: non-ASCII and emoji everywhere, control characters,
     * all escape styles, tiny and odd chunk sizes, and forced cuts: call {@code i} forces
     * {@code CutKind.ESCAPE_KINDS.get(i % 3)} (every fourth call all three), so any EDGE mix of at
     * least three calls contains every escape cut kind in its requests. From index 3 on,
     * {@code i % 10} = 7, 8, 9 give a 429, a probe and a content-filtered call.
     */
    EDGE
}
