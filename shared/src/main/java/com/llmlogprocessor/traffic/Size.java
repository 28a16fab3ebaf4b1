package com.llmlogprocessor.traffic;

/**
 * How big a call's request and response are, in characters of the escaped message JSON (the
 * unit of the gateway's 2 MB cap and of its chunk sizes). Each size is a range; the generator
 * draws a target inside it.
 */
public enum Size {
    /** Fits in one fragment per side: the classic three-record call. */
    TINY(120, 600, 40, 300),
    /** Usually one fragment per side, sometimes two. */
    SMALL(600, 12_000, 200, 6_000),
    /** A handful to a dozen fragments per side. */
    MEDIUM(12_000, 200_000, 5_000, 60_000),
    /** A long prompt and a ~1.5 MB answer: about a hundred response fragments. */
    LARGE(100_000, 500_000, 1_400_000, 1_600_000),
    /** Both sides just under the gateway's 2 MB cap. */
    CAP(TrafficGenerator.APIM_CAP_CHARS - 16_384, TrafficGenerator.APIM_CAP_CHARS,
            TrafficGenerator.APIM_CAP_CHARS - 16_384, TrafficGenerator.APIM_CAP_CHARS),
    /**
     * The client sent more than the cap: the request (and half the time the response) is logged
     * only up to exactly 2 MB, the rest dropped silently, so the logged JSON does not parse.
     * {@link GeneratedCall#requestTruncated()} / {@link GeneratedCall#responseTruncated()} say so.
     */
    OVER_CAP(TrafficGenerator.APIM_CAP_CHARS + 10_000, TrafficGenerator.APIM_CAP_CHARS + 600_000,
            TrafficGenerator.APIM_CAP_CHARS + 10_000, TrafficGenerator.APIM_CAP_CHARS + 600_000);

    final int requestMin;
    final int requestMax;
    final int responseMin;
    final int responseMax;

    Size(int requestMin, int requestMax, int responseMin, int responseMax) {
        this.requestMin = requestMin;
        this.requestMax = requestMax;
        this.responseMin = responseMin;
        this.responseMax = responseMax;
    }
}
