package com.llmlogprocessor.ingest;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one batch did, for the function's log line and the health counters. Holds counts only:
 * never content.
 */
public final class BatchResult {
    int bodies;
    int records;
    int llmRecords;
    int gatewayRecords;
    int otherCategoryRecords;
    int rejectedRecords;
    int probes;
    int deadLettered;
    int staged;
    int gatewayJoinedLate;
    int failedConversations;
    final Map<String, Integer> conversationsByStatus = new TreeMap<>();
    /** The {@code day} of every conversation document written or patched (usage rollups recompute them). */
    final Set<String> daysWritten = new TreeSet<>();

    public int bodies() { return bodies; }
    public int records() { return records; }
    public int llmRecords() { return llmRecords; }
    public int gatewayRecords() { return gatewayRecords; }
    public int otherCategoryRecords() { return otherCategoryRecords; }
    public int rejectedRecords() { return rejectedRecords; }
    public int probes() { return probes; }
    public int deadLettered() { return deadLettered; }
    public int staged() { return staged; }
    public int gatewayJoinedLate() { return gatewayJoinedLate; }
    public int failedConversations() { return failedConversations; }
    public Map<String, Integer> conversationsByStatus() { return Map.copyOf(conversationsByStatus); }
    public Set<String> daysWritten() { return Set.copyOf(daysWritten); }

    public int conversationsWritten() {
        return conversationsByStatus.values().stream().mapToInt(Integer::intValue).sum();
    }

    void written(String status) {
        conversationsByStatus.merge(status, 1, Integer::sum);
    }

    void dayWritten(String day) {
        if (day != null) {
            daysWritten.add(day);
        }
    }

    public void add(BatchResult o) {
        bodies += o.bodies;
        records += o.records;
        llmRecords += o.llmRecords;
        gatewayRecords += o.gatewayRecords;
        otherCategoryRecords += o.otherCategoryRecords;
        rejectedRecords += o.rejectedRecords;
        probes += o.probes;
        deadLettered += o.deadLettered;
        staged += o.staged;
        gatewayJoinedLate += o.gatewayJoinedLate;
        failedConversations += o.failedConversations;
        o.conversationsByStatus.forEach((k, v) -> conversationsByStatus.merge(k, v, Integer::sum));
        daysWritten.addAll(o.daysWritten);
    }

    @Override
    public String toString() {
        return "bodies=" + bodies + " records=" + records + " llm=" + llmRecords + " gateway=" + gatewayRecords
                + " other=" + otherCategoryRecords + " rejected=" + rejectedRecords + " probes=" + probes
                + " deadLettered=" + deadLettered + " staged=" + staged + " lateGateway=" + gatewayJoinedLate
                + " failed=" + failedConversations + " written=" + conversationsByStatus;
    }
}
