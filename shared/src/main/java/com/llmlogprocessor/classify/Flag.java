package com.llmlogprocessor.classify;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A classification flag as stored in the conversation document: {@code category.type}, where it
 * was found and how often. Never carries the matched value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Flag(String category, String type, String where, int count, Double score, String detail) {
    public static Flag of(String category, String type, String where, int count) {
        return new Flag(category, type, where, count, null, null);
    }
}
