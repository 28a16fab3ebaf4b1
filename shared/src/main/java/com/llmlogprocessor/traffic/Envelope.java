package com.llmlogprocessor.traffic;

/** How records are wrapped into one Event Hub body (or archive blob). */
public enum Envelope {
    /** {@code {"records":[...]}}: what an Azure Monitor diagnostic setting writes. */
    RECORDS_ENVELOPE,
    /** {@code [...]}: a bare array of records. */
    BARE_ARRAY,
    /** One record object per body. */
    SINGLE_RECORD,
    /** One record per line, each line ending in a newline, no envelope: the Storage archive's {@code PT1H.json}. */
    JSON_LINES,
    /** Per body, one of the first three at random (records envelope most often). */
    MIXED
}
