package com.llmlogprocessor.ingest;

/**
 * Told after a batch's writes are done (ingest or sweep), before the invocation returns: usage
 * rollups mark the days written as dirty, health counters add the counts. A failure here
 * propagates like any store failure, so the batch is redelivered; both are idempotent or (health
 * counters) approximate by design.
 */
@FunctionalInterface
public interface BatchListener {
    BatchListener NONE = (source, result) -> { };

    /** {@code source}: the Event Hub partition of the batch, or {@code sweep}. */
    void batchDone(String source, BatchResult result);
}
