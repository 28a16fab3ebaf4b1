package com.llmlogprocessor.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.Objects;

/**
 * One classification flag as stored in the conversation document's {@code flags} array:
 * {@code {category, type, where, count, score?, detail?}}. A flag says <em>that</em> something was
 * found and how often, never <em>what</em>: it must not carry the matched secret or personal value.
 *
 * @param category taxonomy category ({@code pii}, {@code secret}, {@code security}, {@code operational})
 * @param type     taxonomy type within the category ({@code email}, {@code api_key}, ...)
 * @param where    {@code request} or {@code response}; null for flags about the whole exchange
 * @param count    how many matches (or messages, for scored rules) led to the flag
 * @param score    a rule score in [0, 1] where the flag comes from a threshold; else null
 * @param detail   a short non-sensitive qualifier (e.g. {@code hate:high}); else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Flag(String category, String type, String where, int count, Double score, String detail) {

    public static final String PII = "pii";
    public static final String SECRET = "secret";
    public static final String SECURITY = "security";
    public static final String OPERATIONAL = "operational";
    public static final String REQUEST = "request";
    public static final String RESPONSE = "response";

    /** Stable order for a document's flag list, so that the same input always stores the same array. */
    public static final Comparator<Flag> ORDER = Comparator
            .comparing(Flag::category)
            .thenComparing(Flag::type)
            .thenComparing(f -> f.where() == null ? "" : f.where())
            .thenComparing(f -> f.detail() == null ? "" : f.detail());

    public Flag {
        requireText(category, "category");
        requireText(type, "type");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        if (score != null && (score.isNaN() || score < 0 || score > 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }

    public static Flag of(String category, String type, String where, int count) {
        return new Flag(category, type, where, count, null, null);
    }

    /** {@code category.type}, the name used in queries ({@code ?flag=pii.email}). */
    public String name() {
        return category + "." + type;
    }

    private static void requireText(String s, String name) {
        Objects.requireNonNull(s, name);
        if (s.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
