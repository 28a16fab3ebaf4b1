package com.llmlogprocessor.classify;

/** The PII and secret types {@link SensitiveDataScanner} finds, with their flag names and redaction placeholders. */
public enum SensitiveType {
    EMAIL(Flag.PII, "email", "[EMAIL]"),
    PHONE(Flag.PII, "phone", "[PHONE]"),
    CREDIT_CARD(Flag.PII, "credit_card", "[CREDIT_CARD]"),
    IBAN(Flag.PII, "iban", "[IBAN]"),
    SSN(Flag.PII, "ssn", "[SSN]"),
    IP_ADDRESS(Flag.PII, "ip_address", "[IP_ADDRESS]"),
    API_KEY(Flag.SECRET, "api_key", "[API_KEY]"),
    JWT(Flag.SECRET, "jwt", "[JWT]"),
    PRIVATE_KEY(Flag.SECRET, "private_key", "[PRIVATE_KEY]"),
    CONNECTION_STRING(Flag.SECRET, "connection_string", "[CONNECTION_STRING]");

    private final String category;
    private final String type;
    private final String placeholder;

    SensitiveType(String category, String type, String placeholder) {
        this.category = category;
        this.type = type;
        this.placeholder = placeholder;
    }

    public String category() {
        return category;
    }

    public String type() {
        return type;
    }

    /** {@code category.type}, e.g. {@code pii.email}. */
    public String flagName() {
        return category + "." + type;
    }

    public String placeholder() {
        return placeholder;
    }
}
