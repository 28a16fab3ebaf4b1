package com.llmlogprocessor.query;

import com.llmlogprocessor.ingest.BatchListener;
import com.llmlogprocessor.ingest.BatchResult;
import java.time.Clock;

/** After each batch: marks the written days dirty for the usage rollups and adds the health counts. */
public final class IngestBookkeeping implements BatchListener {
    private final UsageRollups usage;
    private final HealthCounters health;
    private final Clock clock;

    public IngestBookkeeping(UsageRollups usage, HealthCounters health, Clock clock) {
        this.usage = usage;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public void batchDone(String source, BatchResult result) {
        // Dirty marks first: they are what keeps usage exact; the counters are approximate anyway.
        usage.markDirty(result.daysWritten());
        boolean idle = result.bodies() == 0 && result.conversationsWritten() == 0 && result.gatewayJoinedLate() == 0
                && result.failedConversations() == 0;
        if (!idle) { // a sweep that found nothing is not worth a write every two minutes
            health.add(source, result, clock.instant());
        }
    }
}
