package com.llmlogprocessor.traffic;

/**
 * The caller facts a GatewayLogs record contributes, as the conversation document's
 * {@code caller} object should show them. Subscription, product and user are null for calls that
 * were rejected before a subscription was resolved (probes).
 */
public record CallerIdentity(String subscriptionId, String productId, String userId, String ipAddress,
                             String apiId, String operationId, int responseCode, long durationMs) {
}
