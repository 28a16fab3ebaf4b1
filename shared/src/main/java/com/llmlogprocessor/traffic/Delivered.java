package com.llmlogprocessor.traffic;

import java.util.List;

/**
 * Event Hub bodies plus what went into them beyond the calls themselves, so that tests can count.
 *
 * @param bodies               the bodies, in delivery order
 * @param recordCount          records in all bodies, duplicates and extras included
 * @param duplicateRecords     records delivered a second time
 * @param otherCategoryRecords WebSocketConnectionLogs records and GatewayLogs records of non-LLM APIs
 *                             (correlation ids that never get an LLM half)
 * @param addedProbes          probe calls whose seq-0 rows were interleaved (not among the input calls)
 */
public record Delivered(List<String> bodies, int recordCount, int duplicateRecords, int otherCategoryRecords,
                        List<GeneratedCall> addedProbes) {
    public Delivered {
        bodies = List.copyOf(bodies);
        addedProbes = List.copyOf(addedProbes);
    }
}
