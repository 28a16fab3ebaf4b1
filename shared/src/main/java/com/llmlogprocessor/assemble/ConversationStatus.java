package com.llmlogprocessor.assemble;

import java.util.Locale;

/** The {@code status} field of a conversation document. */
public enum ConversationStatus {
    COMPLETE, PARTIAL, NO_RESPONSE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationStatus fromWire(String s) {
        for (ConversationStatus v : values()) {
            if (v.wireName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown status '" + s + "'");
    }
}
