package com.llmlogprocessor.query;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code flag=category} or {@code flag=category.type}, checked against the flag taxonomy (DESIGN.md). */
public record FlagFilter(String category, String type) {
    /** The taxonomy of DESIGN.md; extend here when the classifier gains a type. */
    public static final Map<String, Set<String>> TAXONOMY = Map.of(
            "pii", Set.of("email", "phone", "credit_card", "iban", "ssn", "ip_address"),
            "secret", Set.of("api_key", "jwt", "private_key", "connection_string"),
            "security", Set.of("prompt_injection", "jailbreak", "system_prompt_leak", "content_filtered"),
            "operational", Set.of("truncated", "partial", "no_response", "large_prompt", "estimated_tokens"));

    public static FlagFilter parse(String value) {
        if (QueryParameters.absent(value)) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        int dot = v.indexOf('.');
        String category = dot < 0 ? v : v.substring(0, dot);
        String type = dot < 0 ? null : v.substring(dot + 1);
        Set<String> types = TAXONOMY.get(category);
        if (types == null) {
            throw new InvalidParameterException("flag", "unknown category; one of " + String.join(", ", TAXONOMY.keySet().stream().sorted().toList()));
        }
        if (type != null && !types.contains(type)) {
            throw new InvalidParameterException("flag", "unknown type for category " + category);
        }
        return new FlagFilter(category, type);
    }
}
