package com.llmlogprocessor.query;

/** The filters and page of {@code GET /api/conversations}; null fields do not filter. */
public record ConversationFilter(TimeRange range, String subscriptionId, String model, String deployment,
                                 FlagFilter flag, String status, int limit, PageToken after) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public ConversationFilter {
        range = range == null ? TimeRange.ALL : range;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameterException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }
}
