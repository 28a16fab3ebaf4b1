package com.llmlogprocessor.store;

import com.llmlogprocessor.ingest.EventBody;
import java.util.List;

/**
 * Every received body, compressed, under a name derived from its partition and sequence number.
 * Written before a body's outcome is decided: it is what makes replay and "nothing lost" true.
 */
public interface RawArchive {
    /** Stores the body (overwriting a previous copy of the same event) and returns its blob name. */
    String put(EventBody body);

    /** Stores many bodies; returns their names in order. Implementations may upload in parallel. */
    default List<String> putAll(List<EventBody> bodies) {
        return bodies.stream().map(this::put).toList();
    }

    static String nameOf(EventBody b) {
        return "p" + b.partitionId().replaceAll("[^A-Za-z0-9_.-]", "_") + "/" + String.format("%020d", b.sequenceNumber())
                + ".json.gz";
    }
}
