package com.llmlogprocessor.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * One Event Hub event body with where it came from. Partition id and sequence number make the
 * raw-archive name deterministic, so a redelivered batch overwrites its own blobs.
 */
public record EventBody(String body, String partitionId, long sequenceNumber, Instant enqueuedTime) {
    public EventBody {
        Objects.requireNonNull(partitionId, "partitionId");
        body = body == null ? "" : body;
    }
}
