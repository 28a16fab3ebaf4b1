package com.llmlogprocessor.parse;

import java.time.Instant;
import java.util.Objects;

/**
 * The GatewayLogs record of a request: the caller's identity and the HTTP outcome, joined to the
 * LLM records by correlation id. Bodies are present only when APIM logs them (used for
 * content-filter results).
 */
public record GatewayLogRecord(
        String correlationId,
        Instant time,
        String subscriptionId,
        String productId,
        String userId,
        String ipAddress,
        String apiId,
        String operationId,
        Integer responseCode,
        Integer backendResponseCode,
        Long durationMs,
        String method,
        String url,
        String lastErrorReason,
        String requestBody,
        String responseBody,
        String backendResponseBody) {

    public GatewayLogRecord {
        Objects.requireNonNull(correlationId, "correlationId");
        CorrelationIds.requireValid(correlationId);
    }
}
