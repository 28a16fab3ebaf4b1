package com.llmlogprocessor.store;

import com.llmlogprocessor.assemble.CallPieces;
import com.llmlogprocessor.assemble.ConversationStatus;
import com.llmlogprocessor.parse.GatewayLogRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pieces of calls that did not complete within one batch, shared by every instance. Items have
 * idempotent ids (correlation id + sequence number), so redelivery overwrites instead of adding.
 * A per-correlation head item records when pieces were last seen and whether the call has been
 * finalised, which is what the sweeper scans.
 */
public interface StagingStore {
    /**
     * Stores the LLM pieces (and GatewayLogs half, if any) and marks the head pending with
     * {@code lastSeen = now}, also when the call was finalised before (late pieces reopen it).
     */
    void stage(CallPieces pieces, Instant now);

    /**
     * Everything staged for the correlation id (empty pieces if nothing), with the head's version
     * as read, so that finalising can be made conditional on nobody having staged since.
     */
    Staged load(String correlationId);

    record Staged(CallPieces pieces, String headVersion) {
    }

    /** A GatewayLogs half that arrived before its LLM records, if staged. */
    Optional<GatewayLogRecord> stagedGateway(String correlationId);

    /** Stages a GatewayLogs half whose conversation does not exist yet. */
    void stageGateway(GatewayLogRecord record, Instant now);

    /**
     * Marks the call finalised, only if the head is still at {@code headVersion} (null: no
     * condition). Returns false when new pieces were staged meanwhile; the call then stays
     * pending and the sweeper looks at it again.
     */
    boolean markFinalised(String correlationId, ConversationStatus status, Instant now, String headVersion);

    /** Correlation ids with pieces last seen before the cutoff and not finalised (oldest first). */
    List<String> idlePending(Instant cutoff, int max);

    /** GatewayLogs halves staged before the cutoff and not yet checked against conversations. */
    List<GatewayLogRecord> uncheckedGateways(Instant cutoff, int max);

    void markGatewayChecked(String correlationId, Instant now);
}
