package com.llmlogprocessor.query;

import java.util.Locale;

/** The dimensions of {@code /api/usage}; the wire names are the lower-case constant names. */
public enum GroupBy {
    SUBSCRIPTION, MODEL, DEPLOYMENT, DAY, PRODUCT, USER;

    public static GroupBy parse(String value) {
        if (QueryParameters.absent(value)) {
            throw new InvalidParameterException("groupBy", "required: subscription, model, deployment, day, product or user");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("groupBy", "must be subscription, model, deployment, day, product or user");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
