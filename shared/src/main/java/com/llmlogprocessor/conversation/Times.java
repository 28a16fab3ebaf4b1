package com.llmlogprocessor.conversation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps in stored documents are fixed-width UTC strings with 7 fractional digits (APIM's own
 * format), so that string order is time order in Cosmos DB range queries and ORDER BY.
 */
public final class Times {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String format(Instant t) {
        return t == null ? null : FORMAT.format(t);
    }

    public static Instant parse(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
