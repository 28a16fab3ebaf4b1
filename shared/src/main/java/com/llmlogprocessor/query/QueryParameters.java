package com.llmlogprocessor.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Parses and validates request parameters. Every failure is an {@link InvalidParameterException}
 * naming the parameter. Values only ever reach Cosmos DB as query parameters; these checks are
 * about giving a clear answer, not about escaping.
 */
public final class QueryParameters {
    public static final int MAX_TEXT = 256;
    public static final Set<String> STATUSES = Set.of("complete", "partial", "no_response");

    private QueryParameters() {
    }

    /**
     * {@code from}/{@code to}: ISO-8601 instants ({@code 2026-01-05T10:00:00Z}, offsets allowed) or
     * dates. A date as {@code from} means the start of that UTC day; as {@code to} the end of it
     * (the whole day is included).
     */
    public static TimeRange range(String from, String to) {
        Instant f = time("from", from, false);
        Instant t = time("to", to, true);
        return new TimeRange(f, t);
    }

    static Instant time(String name, String value, boolean endOfDay) {
        if (absent(value)) {
            return null;
        }
        String v = value.trim();
        if (v.length() > 40) {
            throw new InvalidParameterException(name, "not an ISO-8601 date or instant");
        }
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            Instant i = OffsetDateTime.parse(v).toInstant();
            if (i.isBefore(Instant.parse("0001-01-01T00:00:00Z")) || i.isAfter(Instant.parse("9999-12-30T00:00:00Z"))) {
                throw new InvalidParameterException(name, "out of range");
            }
            return i;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidParameterException(name, "not an ISO-8601 date (2026-01-05) or instant (2026-01-05T10:00:00Z)");
        } catch (DateTimeException e) {
            throw new InvalidParameterException(name, "not a valid date or instant");
        }
    }

    /** A whole number in [1, max]; {@code dflt} when absent. */
    public static int limit(String name, String value, int dflt, int max) {
        if (absent(value)) {
            return dflt;
        }
        String v = value.trim();
        if (!v.matches("[0-9]{1,6}")) {
            throw new InvalidParameterException(name, "must be a whole number between 1 and " + max);
        }
        int n = Integer.parseInt(v);
        if (n < 1 || n > max) {
            throw new InvalidParameterException(name, "must be between 1 and " + max);
        }
        return n;
    }

    /** An exact-match filter value (subscription id, model, deployment); null when absent. */
    public static String text(String name, String value) {
        if (absent(value)) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidParameterException(name, "longer than " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidParameterException(name, "contains control characters");
            }
        }
        return value;
    }

    public static String status(String value) {
        if (absent(value)) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(v)) {
            throw new InvalidParameterException("status", "must be one of complete, partial, no_response");
        }
        return v;
    }

    /** {@code content}: true (default) or false. */
    public static boolean bool(String name, String value, boolean dflt) {
        if (absent(value)) {
            return dflt;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidParameterException(name, "must be true or false");
        };
    }

    /**
     * A correlation id as a Cosmos DB item id: at most 255 characters, none of {@code / \ ? #}
     * (which Cosmos DB does not allow in ids) and no control characters.
     */
    public static String correlationId(String value) {
        if (absent(value)) {
            throw new InvalidParameterException("correlationId", "required");
        }
        if (value.length() > 255) {
            throw new InvalidParameterException("correlationId", "longer than 255 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '\\' || c == '?' || c == '#' || Character.isISOControl(c)) {
                throw new InvalidParameterException("correlationId", "contains a character ids cannot have");
            }
        }
        return value;
    }

    static boolean absent(String v) {
        return v == null || v.isBlank();
    }
}
