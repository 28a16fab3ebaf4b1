package com.llmlogprocessor.traffic;

/** What happened to a generated call, which decides the records it leaves. */
public enum CallOutcome {
    /** Backend answered: seq 0 with tokens, request fragments, response fragments. */
    COMPLETE,
    /** Backend failed (429): seq 0 with zero tokens and no model/request id, request fragments, no response. */
    NO_RESPONSE,
    /**
     * The prompt was blocked (400 {@code content_filter}): like {@link #NO_RESPONSE} on the LLM
     * side; the GatewayLogs half (always present) carries the error body.
     */
    CONTENT_FILTERED,
    /** A probe, 401 or policy-served answer: seq 0 only, empty model and request id, zero tokens, no messages. */
    PROBE
}
