package com.llmlogprocessor.query;

import com.azure.cosmos.models.SqlParameter;
import com.llmlogprocessor.conversation.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A half-open time range [from, to); either end may be open (null). As stored timestamps are
 * fixed-width strings, the bounds compare as strings in queries ({@link #fromText()}).
 */
public record TimeRange(Instant from, Instant to) {
    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidParameterException("to", "must be after 'from'");
        }
    }

    /**
     * Appends the range's bounds on {@code c.timestamp} to a query's WHERE clause, as parameters
     * ({@code @from} inclusive, {@code @to} exclusive); nothing for an open side.
     */
    public void appendConditions(StringBuilder sql, List<SqlParameter> params) {
        if (from != null) {
            sql.append(" AND c.timestamp >= @from");
            params.add(new SqlParameter("@from", fromText()));
        }
        if (to != null) {
            sql.append(" AND c.timestamp < @to");
            params.add(new SqlParameter("@to", toText()));
        }
    }

    public String fromText() {
        return Times.format(from);
    }

    public String toText() {
        return Times.format(to);
    }

    /** Whether the whole UTC day lies inside the range. */
    public boolean coversDay(LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return (from == null || !from.isAfter(start)) && (to == null || !to.isBefore(end));
    }

    /** The first day touched, as {@code yyyy-MM-dd}, or {@code null} when open. */
    public String firstDay() {
        return from == null ? null : from.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The last day touched (to is exclusive), or {@code null} when open. */
    public String lastDay() {
        return to == null ? null : to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
