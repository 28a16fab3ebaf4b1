package com.llmlogprocessor.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersTest {

    @Test
    void givenDates_thenFromIsStartOfDayAndToIncludesTheWholeDay() {
        TimeRange r = QueryParameters.range("2026-01-05", "2026-01-06");
        assertThat(r.from()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-01-07T00:00:00Z"));
        assertThat(r.firstDay()).isEqualTo("2026-01-05");
        assertThat(r.lastDay()).isEqualTo("2026-01-06");
        assertThat(r.coversDay(LocalDate.parse("2026-01-06"))).isTrue();
    }

    @Test
    void givenInstantsWithOffsets_thenUtcInstantsAndFixedWidthText() {
        TimeRange r = QueryParameters.range("2026-01-05T10:00:00+02:00", "2026-01-05T12:30:00.5Z");
        assertThat(r.from()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
        assertThat(r.fromText()).isEqualTo("2026-01-05T08:00:00.0000000Z");
        assertThat(r.toText()).isEqualTo("2026-01-05T12:30:00.5000000Z");
        assertThat(r.coversDay(LocalDate.parse("2026-01-05"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-13-01", "2026-01-05T25:00:00Z", "1700000000", "' OR 1=1 --", "2026-01-05 10:00"})
    void givenBadDates_thenTheParameterIsNamed(String bad) {
        assertThatThrownBy(() -> QueryParameters.range(bad, null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
        assertThatThrownBy(() -> QueryParameters.range(null, bad))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("to"));
    }

    @Test
    void givenToBeforeFrom_thenToIsRejected() {
        assertThatThrownBy(() -> QueryParameters.range("2026-01-05T00:00:00Z", "2026-01-04T00:00:00Z"))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("to"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "9999999999", "20 OR 1=1"})
    void givenLimitOutOfRangeOrNotANumber_thenRejected(String bad) {
        assertThatThrownBy(() -> QueryParameters.limit("limit", bad, 20, 100))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.getMessage()).contains("'limit'"));
    }

    @Test
    void givenLimitAbsentOrValid_thenDefaultOrValue() {
        assertThat(QueryParameters.limit("limit", null, 20, 100)).isEqualTo(20);
        assertThat(QueryParameters.limit("limit", "100", 20, 100)).isEqualTo(100);
        assertThat(QueryParameters.limit("limit", "1", 20, 100)).isEqualTo(1);
    }

    @Test
    void givenStatusGroupByAndFlag_thenOnlyKnownValues() {
        assertThat(QueryParameters.status("Partial")).isEqualTo("partial");
        assertThatThrownBy(() -> QueryParameters.status("done")).hasMessageContaining("'status'");
        assertThat(GroupBy.parse("subscription")).isEqualTo(GroupBy.SUBSCRIPTION);
        assertThatThrownBy(() -> GroupBy.parse("c.id")).hasMessageContaining("'groupBy'");
        assertThatThrownBy(() -> GroupBy.parse(null)).hasMessageContaining("'groupBy'");
        assertThat(FlagFilter.parse("pii")).isEqualTo(new FlagFilter("pii", null));
        assertThat(FlagFilter.parse("pii.email")).isEqualTo(new FlagFilter("pii", "email"));
        assertThatThrownBy(() -> FlagFilter.parse("pii.password")).hasMessageContaining("'flag'");
        assertThatThrownBy(() -> FlagFilter.parse("gossip")).hasMessageContaining("'flag'");
        assertThatThrownBy(() -> FlagFilter.parse("pii.email') OR true")).hasMessageContaining("'flag'");
    }

    @Test
    void givenTextFilters_thenLengthAndControlCharactersChecked() {
        assertThat(QueryParameters.text("model", "gpt-4o")).isEqualTo("gpt-4o");
        assertThat(QueryParameters.text("model", "' OR 1=1 --")).isEqualTo("' OR 1=1 --"); // a value, harmless as a parameter
        assertThatThrownBy(() -> QueryParameters.text("model", "x".repeat(257))).hasMessageContaining("'model'");
        assertThatThrownBy(() -> QueryParameters.text("model", "a\u0000b")).hasMessageContaining("'model'");
        assertThatThrownBy(() -> QueryParameters.bool("content", "maybe", true)).hasMessageContaining("'content'");
        assertThatThrownBy(() -> QueryParameters.correlationId("a/b")).hasMessageContaining("'correlationId'");
        assertThatThrownBy(() -> QueryParameters.correlationId("x".repeat(256))).hasMessageContaining("'correlationId'");
    }
}
