package com.llmlogprocessor.traffic;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one generated call should look like. Start from {@link #builder()} (a small, complete,
 * ASCII call with a GatewayLogs half) and change what the test cares about:
 * <pre>{@code
 * CallSpec.builder().size(Size.TINY).emoji(true).forceCut(CutKind.BETWEEN_SURROGATE_ESCAPES).build()
 * }</pre>
 *
 * @param size          request/response size range, in escaped characters
 * @param turns         user turns: 1 = system + user; n = system + (n-1) user/assistant pairs + user
 * @param contentParts  user messages carry a list of parts (text + image_url data URL) instead of a string
 * @param nonAscii      accented Latin, Greek, Cyrillic, CJK and RTL text
 * @param emoji         non-BMP characters (surrogate pairs), ZWJ sequences, flags
 * @param controlChars  control characters (NUL, U+001F, DEL, U+2028, BOM...) in the text
 * @param streaming     the value logged as {@code isStreamCompletion}
 * @param withGatewayLog emit the GatewayLogs half (forced on for {@link CallOutcome#CONTENT_FILTERED})
 * @param outcome       complete, backend failure, content filter or probe
 * @param piiText       optional text put at a word boundary of the last user message (null = none)
 * @param secretText    likewise
 * @param injectionText likewise
 * @param chunkMinChars smallest fragment, in escaped characters (default 12 000)
 * @param chunkMaxChars largest fragment (default 16 000); each cut is drawn uniformly in the range
 * @param forcedCuts    boundary kinds that must occur in both request and response (where the text
 *                      allows: the generator adds a quote, an accented letter and an emoji to make sure)
 * @param responseAsArray log the response as an array of assistant messages instead of one object
 * @param escapeStyle   hex case / .NET HTML-safe escaping of the message JSON
 * @param deployment    deployment name, or null to pick one
 * @param time          request time, or null to take the generator's next clock tick
 */
public record CallSpec(Size size, int turns, boolean contentParts, boolean nonAscii, boolean emoji,
                       boolean controlChars, boolean streaming, boolean withGatewayLog, CallOutcome outcome,
                       String piiText, String secretText, String injectionText,
                       int chunkMinChars, int chunkMaxChars, Set<CutKind> forcedCuts,
                       boolean responseAsArray, EscapeStyle escapeStyle, String deployment, Instant time) {

    public static final int DEFAULT_CHUNK_MIN = 12_000;
    public static final int DEFAULT_CHUNK_MAX = 16_000;

    public CallSpec {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(escapeStyle, "escapeStyle");
        if (turns < 1) {
            throw new IllegalArgumentException("turns must be >= 1: " + turns);
        }
        if (chunkMinChars < 1 || chunkMaxChars < chunkMinChars) {
            throw new IllegalArgumentException("bad chunk range " + chunkMinChars + ".." + chunkMaxChars);
        }
        // an EnumSet keeps declaration order, so iterating it consumes randomness deterministically
        forcedCuts = forcedCuts == null || forcedCuts.isEmpty()
                ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(forcedCuts));
        if (forcedCuts.contains(CutKind.PLAIN)) {
            throw new IllegalArgumentException("PLAIN is not a cut kind to force");
        }
        if (outcome == CallOutcome.CONTENT_FILTERED) {
            withGatewayLog = true;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.size = size;
        b.turns = turns;
        b.contentParts = contentParts;
        b.nonAscii = nonAscii;
        b.emoji = emoji;
        b.controlChars = controlChars;
        b.streaming = streaming;
        b.withGatewayLog = withGatewayLog;
        b.outcome = outcome;
        b.piiText = piiText;
        b.secretText = secretText;
        b.injectionText = injectionText;
        b.chunkMinChars = chunkMinChars;
        b.chunkMaxChars = chunkMaxChars;
        b.forcedCuts = forcedCuts.isEmpty() ? EnumSet.noneOf(CutKind.class) : EnumSet.copyOf(forcedCuts);
        b.responseAsArray = responseAsArray;
        b.escapeStyle = escapeStyle;
        b.deployment = deployment;
        b.time = time;
        return b;
    }

    /** Whether the call carries request messages at all. */
    public boolean hasMessages() {
        return outcome != CallOutcome.PROBE;
    }

    /** Mutable builder; defaults to a SMALL, single-turn, ASCII, complete call with a GatewayLogs half. */
    public static final class Builder {
        private Size size = Size.SMALL;
        private int turns = 1;
        private boolean contentParts;
        private boolean nonAscii;
        private boolean emoji;
        private boolean controlChars;
        private boolean streaming;
        private boolean withGatewayLog = true;
        private CallOutcome outcome = CallOutcome.COMPLETE;
        private String piiText;
        private String secretText;
        private String injectionText;
        private int chunkMinChars = DEFAULT_CHUNK_MIN;
        private int chunkMaxChars = DEFAULT_CHUNK_MAX;
        private EnumSet<CutKind> forcedCuts = EnumSet.noneOf(CutKind.class);
        private boolean responseAsArray;
        private EscapeStyle escapeStyle = EscapeStyle.UPPER_HEX;
        private String deployment;
        private Instant time;

        private Builder() {
        }

        public Builder size(Size v) { size = v; return this; }
        public Builder turns(int v) { turns = v; return this; }
        public Builder contentParts(boolean v) { contentParts = v; return this; }
        public Builder nonAscii(boolean v) { nonAscii = v; return this; }
        public Builder emoji(boolean v) { emoji = v; return this; }
        public Builder controlChars(boolean v) { controlChars = v; return this; }
        public Builder streaming(boolean v) { streaming = v; return this; }
        public Builder withGatewayLog(boolean v) { withGatewayLog = v; return this; }
        public Builder outcome(CallOutcome v) { outcome = v; return this; }
        /** Backend 429: seq 0 with zero tokens, request fragments, no response. */
        public Builder noResponse() { outcome = CallOutcome.NO_RESPONSE; return this; }
        /** Seq 0 only: empty model and request id, zero tokens, no messages. */
        public Builder probe() { outcome = CallOutcome.PROBE; return this; }
        /** 400 content_filter: no response records; GatewayLogs carries the error body. */
        public Builder contentFiltered() { outcome = CallOutcome.CONTENT_FILTERED; return this; }
        public Builder piiText(String v) { piiText = v; return this; }
        public Builder secretText(String v) { secretText = v; return this; }
        public Builder injectionText(String v) { injectionText = v; return this; }
        /** Fragment sizes drawn uniformly in {@code [min, max]} escaped characters. */
        public Builder chunkChars(int min, int max) { chunkMinChars = min; chunkMaxChars = max; return this; }
        /** Every fragment exactly {@code n} characters (the last one the rest). */
        public Builder chunkChars(int n) { return chunkChars(n, n); }
        public Builder forceCut(CutKind kind) { forcedCuts.add(kind); return this; }
        public Builder forcedCuts(Set<CutKind> kinds) {
            forcedCuts = kinds.isEmpty() ? EnumSet.noneOf(CutKind.class) : EnumSet.copyOf(kinds);
            return this;
        }
        public Builder responseAsArray(boolean v) { responseAsArray = v; return this; }
        public Builder escapeStyle(EscapeStyle v) { escapeStyle = v; return this; }
        public Builder deployment(String v) { deployment = v; return this; }
        public Builder time(Instant v) { time = v; return this; }

        public CallSpec build() {
            return new CallSpec(size, turns, contentParts, nonAscii, emoji, controlChars, streaming, withGatewayLog,
                    outcome, piiText, secretText, injectionText, chunkMinChars, chunkMaxChars, forcedCuts,
                    responseAsArray, escapeStyle, deployment, time);
        }
    }
}
