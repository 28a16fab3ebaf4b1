package com.llmlogprocessor.parse;

import java.time.Instant;
import java.util.Objects;

/**
 * One GatewayLlmLogs record: a piece of one LLM call. Sequence 0 carries the metadata and token
 * counts; the others carry a fragment of the serialised request or response messages.
 * Fragments are kept exactly as logged; they are only meaningful once joined in sequence order.
 */
public record GatewayLlmRecord(
        String correlationId,
        Instant time,
        int sequenceNumber,
        String deploymentName,
        String modelName,
        String apiVersion,
        String requestId,
        Boolean streamCompletion,
        Long promptTokens,
        Long completionTokens,
        Long totalTokens,
        Long promptCachedTokens,
        String requestMessages,
        String responseMessages,
        String resourceId) {

    public GatewayLlmRecord {
        Objects.requireNonNull(correlationId, "correlationId");
        CorrelationIds.requireValid(correlationId);
        if (sequenceNumber < 0) {
            throw new RecordFormatException("sequenceNumber is negative");
        }
    }

    public boolean hasMessages() {
        return (requestMessages != null && !requestMessages.isEmpty())
                || (responseMessages != null && !responseMessages.isEmpty());
    }

    /** Any token count above zero. */
    public boolean hasTokens() {
        return positive(promptTokens) || positive(completionTokens) || positive(totalTokens);
    }

    /**
     * A row APIM writes for every request through an LLM-enabled API, including 401s, probes and
     * policy-served answers: sequence 0 with no model, no request id, no tokens, no messages.
     */
    public boolean isProbeRow() {
        return sequenceNumber == 0 && isBlank(modelName) && isBlank(requestId) && !hasTokens() && !hasMessages();
    }

    /** The size of this record's fragments in characters, for the truncation check. */
    public long fragmentChars() {
        return (requestMessages == null ? 0 : requestMessages.length())
                + (responseMessages == null ? 0 : responseMessages.length());
    }

    private static boolean positive(Long v) {
        return v != null && v > 0;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
