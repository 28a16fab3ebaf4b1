package com.llmlogprocessor.assemble;

import com.llmlogprocessor.parse.GatewayLlmRecord;
import com.llmlogprocessor.parse.GatewayLogRecord;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything known about one correlation id: its LLM records keyed (and so deduplicated) by
 * sequence number, the GatewayLogs half if seen, and the raw-archive blobs the pieces came from.
 * Merging is commutative and idempotent, which is what makes delivery order irrelevant.
 */
public final class CallPieces {
    private final String correlationId;
    private final NavigableMap<Integer, GatewayLlmRecord> llm = new TreeMap<>();
    private final SortedSet<String> sources = new TreeSet<>();
    private GatewayLogRecord gateway;

    public CallPieces(String correlationId) {
        this.correlationId = Objects.requireNonNull(correlationId);
    }

    public String correlationId() {
        return correlationId;
    }

    /**
     * Adds a record; a duplicate sequence number keeps the record with the longer fragments
     * (identical in practice), so the outcome does not depend on arrival order.
     */
    public CallPieces add(GatewayLlmRecord r) {
        requireSameCorrelation(r.correlationId());
        llm.merge(r.sequenceNumber(), r, (a, b) -> b.fragmentChars() > a.fragmentChars() ? b : a);
        return this;
    }

    public CallPieces add(GatewayLogRecord g) {
        requireSameCorrelation(g.correlationId());
        if (gateway == null || preferred(g, gateway)) {
            gateway = g;
        }
        return this;
    }

    public CallPieces addSource(String rawBlobName) {
        if (rawBlobName != null) {
            sources.add(rawBlobName);
        }
        return this;
    }

    public CallPieces addAll(CallPieces other) {
        other.llm.values().forEach(this::add);
        if (other.gateway != null) {
            add(other.gateway);
        }
        sources.addAll(other.sources);
        return this;
    }

    public NavigableMap<Integer, GatewayLlmRecord> llm() {
        return Collections.unmodifiableNavigableMap(llm);
    }

    public GatewayLogRecord gateway() {
        return gateway;
    }

    public SortedSet<String> sources() {
        return Collections.unmodifiableSortedSet(sources);
    }

    public boolean hasLlmRecords() {
        return !llm.isEmpty();
    }

    /** Only an empty sequence-0 row: counted, never stored as a conversation. */
    public boolean isProbe() {
        return llm.size() == 1 && llm.containsKey(0) && llm.get(0).isProbeRow();
    }

    private void requireSameCorrelation(String id) {
        if (!correlationId.equals(id)) {
            throw new IllegalArgumentException("record of another correlation id");
        }
    }

    /** Deterministic choice between two GatewayLogs records for one correlation id. */
    private static boolean preferred(GatewayLogRecord candidate, GatewayLogRecord current) {
        int a = score(candidate);
        int b = score(current);
        return a > b;
    }

    private static int score(GatewayLogRecord g) {
        int s = 0;
        for (Object o : new Object[] {g.subscriptionId(), g.productId(), g.userId(), g.ipAddress(), g.apiId(),
                g.operationId(), g.responseCode(), g.durationMs(), g.responseBody(), g.backendResponseBody()}) {
            if (o != null) {
                s++;
            }
        }
        return s;
    }
}
