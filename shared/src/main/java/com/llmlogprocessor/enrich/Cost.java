package com.llmlogprocessor.enrich;

import java.math.BigDecimal;

/** The price of one call, computed from a versioned price table. */
public record Cost(BigDecimal amount, String currency, String priceVersion) {
}
