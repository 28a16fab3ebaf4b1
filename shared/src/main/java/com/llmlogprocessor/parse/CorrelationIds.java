package com.llmlogprocessor.parse;

/**
 * A correlation id becomes a Cosmos DB item id and a blob name: ids that Cosmos would refuse
 * ({@code / \ ? #}, control characters, over 255 characters) are rejected at parse time, so one
 * odd record is dead-lettered instead of failing its batch on every redelivery.
 */
final class CorrelationIds {
    private CorrelationIds() {
    }

    static void requireValid(String id) {
        if (id.isBlank()) {
            throw new RecordFormatException("correlationId is empty");
        }
        if (id.length() > 255) {
            throw new RecordFormatException("correlationId is longer than 255 characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '\\' || c == '?' || c == '#' || c < 0x20 || c == 0x7f) {
                throw new RecordFormatException("correlationId contains a character Cosmos DB does not allow in ids");
            }
        }
    }
}
