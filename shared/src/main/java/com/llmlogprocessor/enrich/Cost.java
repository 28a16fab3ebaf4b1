package com.llmlogprocessor.enrich;

import java.math.BigDecimal;
import java.util.Objects;

/** The price of one call, as stored in the conversation document's {@code cost} object. */
public record Cost(BigDecimal amount, String currency, String priceVersion) {
    public Cost {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(priceVersion, "priceVersion");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }
}
