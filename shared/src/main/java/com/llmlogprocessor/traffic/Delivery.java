package com.llmlogprocessor.traffic;

import java.util.Objects;

/**
 * How generated records reach the function: how they are grouped into Event Hub bodies, wrapped,
 * spelled, reordered, duplicated and mixed with unrelated records.
 *
 * @param shuffle                 shuffle all records across bodies (otherwise call by call, in APIM order)
 * @param duplicateRate           fraction of records delivered a second time, later (at-least-once delivery)
 * @param minRecordsPerBody       records per body drawn uniformly in {@code [min, max]}
 * @param maxRecordsPerBody       see above
 * @param maxBodyChars            a body is closed before it would exceed this many characters
 *                                (Event Hub's 1 MB event limit); 0 = no limit
 * @param envelope                wrapping
 * @param keyCase                 key spelling
 * @param correlationIdInProperties move {@code correlationId} from the top level into {@code properties}
 * @param interleaveOtherCategories add WebSocketConnectionLogs records, GatewayLogs of non-LLM APIs and
 *                                extra probe rows between the calls' records
 */
public record Delivery(boolean shuffle, double duplicateRate, int minRecordsPerBody, int maxRecordsPerBody,
                       int maxBodyChars, Envelope envelope, KeyCase keyCase, boolean correlationIdInProperties,
                       boolean interleaveOtherCategories) {

    public static final int EVENT_HUB_MAX_BODY_CHARS = 1_000_000;

    public Delivery {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(keyCase, "keyCase");
        if (duplicateRate < 0 || duplicateRate > 1) {
            throw new IllegalArgumentException("duplicateRate must be in [0,1]: " + duplicateRate);
        }
        if (minRecordsPerBody < 1 || maxRecordsPerBody < minRecordsPerBody) {
            throw new IllegalArgumentException("bad records-per-body range " + minRecordsPerBody + ".."
                    + maxRecordsPerBody);
        }
        if (maxBodyChars < 0) {
            throw new IllegalArgumentException("maxBodyChars must be >= 0");
        }
    }

    /** In APIM order, no duplicates, 1–50 records per {@code {"records":[...]}} body, camelCase. */
    public static Delivery inOrder() {
        return new Delivery(false, 0, 1, 50, EVENT_HUB_MAX_BODY_CHARS, Envelope.RECORDS_ENVELOPE, KeyCase.CAMEL,
                false, false);
    }

    /** Everything at once: shuffled, 10% duplicates, mixed envelopes and key cases, other categories. */
    public static Delivery chaotic() {
        return new Delivery(true, 0.1, 1, 30, EVENT_HUB_MAX_BODY_CHARS, Envelope.MIXED, KeyCase.MIXED,
                false, true);
    }

    public Delivery withShuffle(boolean v) {
        return new Delivery(v, duplicateRate, minRecordsPerBody, maxRecordsPerBody, maxBodyChars, envelope, keyCase,
                correlationIdInProperties, interleaveOtherCategories);
    }

    public Delivery withDuplicateRate(double v) {
        return new Delivery(shuffle, v, minRecordsPerBody, maxRecordsPerBody, maxBodyChars, envelope, keyCase,
                correlationIdInProperties, interleaveOtherCategories);
    }

    public Delivery withRecordsPerBody(int min, int max) {
        return new Delivery(shuffle, duplicateRate, min, max, maxBodyChars, envelope, keyCase,
                correlationIdInProperties, interleaveOtherCategories);
    }

    public Delivery withMaxBodyChars(int v) {
        return new Delivery(shuffle, duplicateRate, minRecordsPerBody, maxRecordsPerBody, v, envelope, keyCase,
                correlationIdInProperties, interleaveOtherCategories);
    }

    public Delivery withEnvelope(Envelope v) {
        return new Delivery(shuffle, duplicateRate, minRecordsPerBody, maxRecordsPerBody, maxBodyChars, v, keyCase,
                correlationIdInProperties, interleaveOtherCategories);
    }

    public Delivery withKeyCase(KeyCase v) {
        return new Delivery(shuffle, duplicateRate, minRecordsPerBody, maxRecordsPerBody, maxBodyChars, envelope, v,
                correlationIdInProperties, interleaveOtherCategories);
    }

    public Delivery withCorrelationIdInProperties(boolean v) {
        return new Delivery(shuffle, duplicateRate, minRecordsPerBody, maxRecordsPerBody, maxBodyChars, envelope,
                keyCase, v, interleaveOtherCategories);
    }

    public Delivery withInterleaveOtherCategories(boolean v) {
        return new Delivery(shuffle, duplicateRate, minRecordsPerBody, maxRecordsPerBody, maxBodyChars, envelope,
                keyCase, correlationIdInProperties, v);
    }
}
