package com.llmlogprocessor.traffic;

/** Bodies a parser must dead-letter rather than choke on; see {@link TrafficGenerator#garbageBody}. */
public enum GarbageKind {
    /** A real-looking envelope cut off mid-record. */
    TRUNCATED_JSON,
    /** Random bytes decoded leniently: control characters, U+FFFD, stray braces. */
    BINARY_JUNK,
    /** {@code {"records":"oops"}}: valid JSON, wrong shape. */
    RECORDS_NOT_ARRAY,
    /** The empty string. */
    EMPTY,
    /** Plain text that is not JSON at all. */
    PLAIN_TEXT
}
