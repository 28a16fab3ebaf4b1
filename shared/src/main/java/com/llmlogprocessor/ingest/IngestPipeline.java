package com.llmlogprocessor.ingest;

import com.llmlogprocessor.assemble.AssembledCall;
import com.llmlogprocessor.assemble.CallPieces;
import com.llmlogprocessor.assemble.ChunkAssembler;
import com.llmlogprocessor.assemble.ConversationStatus;
import com.llmlogprocessor.conversation.ConversationBuilder;
import com.llmlogprocessor.conversation.ConversationDocument;
import com.llmlogprocessor.conversation.ConversationBuilder.Built;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import com.llmlogprocessor.parse.GatewayLogRecord;
import com.llmlogprocessor.parse.ParsedBody;
import com.llmlogprocessor.parse.RecordParser;
import com.llmlogprocessor.store.ContentStore;
import com.llmlogprocessor.store.ConversationStore;
import com.llmlogprocessor.store.DeadLetters;
import com.llmlogprocessor.store.RawArchive;
import com.llmlogprocessor.store.StagingStore;
import com.llmlogprocessor.store.StoredConversation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingest path of one Event Hub batch: archive every body raw, parse, group by correlation id,
 * finish calls that are complete within the batch with one write, stage the rest and finish them
 * as soon as the staged set completes (in this or any later batch, on any instance).
 *
 * <p>Bad data never throws: undecodable bodies and unusable records go to the dead-letter store
 * with their reasons and the batch goes on. Store failures (throttling, timeouts) propagate, so
 * the trigger's retry policy redelivers the batch; every write is idempotent, so redelivery
 * converges to the same state.
 */
public final class IngestPipeline {
    private final RawArchive raw;
    private final DeadLetters deadLetters;
    private final ConversationStore conversations;
    private final StagingStore staging;
    private final ContentStore content;
    private final ConversationBuilder builder;
    private final Clock clock;
    private final BatchListener listener;
    private final RecordParser parser = new RecordParser();
    private final ChunkAssembler assembler = new ChunkAssembler();

    public IngestPipeline(RawArchive raw, DeadLetters deadLetters, ConversationStore conversations,
                          StagingStore staging, ContentStore content, ConversationBuilder builder, Clock clock) {
        this(raw, deadLetters, conversations, staging, content, builder, clock, BatchListener.NONE);
    }

    public IngestPipeline(RawArchive raw, DeadLetters deadLetters, ConversationStore conversations,
                          StagingStore staging, ContentStore content, ConversationBuilder builder, Clock clock,
                          BatchListener listener) {
        this.listener = listener;
        this.raw = raw;
        this.deadLetters = deadLetters;
        this.conversations = conversations;
        this.staging = staging;
        this.content = content;
        this.builder = builder;
        this.clock = clock;
    }

    public BatchResult ingest(List<EventBody> bodies) {
        BatchResult result = new BatchResult();
        List<String> rawNames = raw.putAll(bodies);
        Map<String, CallPieces> calls = new LinkedHashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            EventBody body = bodies.get(i);
            result.bodies++;
            ParsedBody parsed = parser.parse(body.body());
            result.records += parsed.recordCount();
            result.llmRecords += parsed.llmRecords().size();
            result.gatewayRecords += parsed.gatewayRecords().size();
            result.otherCategoryRecords += parsed.otherCategoryRecords();
            result.rejectedRecords += parsed.problems().size();
            if (parsed.hasProblems()) {
                List<String> reasons = new ArrayList<>(parsed.problems());
                if (parsed.undecodable() != null) {
                    reasons.add(0, parsed.undecodable());
                }
                deadLetters.put(body, reasons);
                result.deadLettered++;
            }
            String source = rawNames.get(i);
            for (GatewayLlmRecord r : parsed.llmRecords()) {
                calls.computeIfAbsent(r.correlationId(), CallPieces::new).add(r).addSource(source);
            }
            for (GatewayLogRecord g : parsed.gatewayRecords()) {
                calls.computeIfAbsent(g.correlationId(), CallPieces::new).add(g).addSource(source);
            }
        }
        Instant now = clock.instant();
        for (CallPieces pieces : calls.values()) {
            if (pieces.isProbe()) {
                result.probes++;
            } else if (!pieces.hasLlmRecords()) {
                joinLateGateway(pieces.gateway(), now, result);
            } else {
                handleCall(pieces, now, result);
            }
        }
        listener.batchDone(bodies.isEmpty() ? "unknown" : bodies.get(0).partitionId(), result);
        return result;
    }

    private void handleCall(CallPieces pieces, Instant now, BatchResult result) {
        AssembledCall call = assembler.assemble(pieces);
        if (finishedWithin(call)) {
            if (pieces.gateway() == null) {
                Optional<GatewayLogRecord> early = staging.stagedGateway(pieces.correlationId());
                if (early.isPresent()) {
                    call = call.withGateway(early.get()); // joining the caller needs no re-parse
                }
            }
            finish(call, settledStatus(call), result);
            return;
        }
        staging.stage(pieces, now);
        result.staged++;
        StagingStore.Staged staged = staging.load(pieces.correlationId());
        AssembledCall merged = assembler.assemble(staged.pieces().addAll(pieces));
        if (finishedWithin(merged)) {
            ConversationStatus status = settledStatus(merged);
            if (finish(merged, status, result)) {
                staging.markFinalised(pieces.correlationId(), status, now, staged.headVersion());
            }
        }
    }

    /**
     * Finalises calls that stayed incomplete past the grace period: they become {@code partial}
     * (listing the missing sequence numbers, keeping what arrived) or {@code no_response}. A
     * conversation already stored as complete is never downgraded.
     */
    public BatchResult finaliseIdle(Instant cutoff, int max) {
        BatchResult result = new BatchResult();
        Instant now = clock.instant();
        for (String correlationId : staging.idlePending(cutoff, max)) {
            StagingStore.Staged staged = staging.load(correlationId);
            CallPieces pieces = staged.pieces();
            AssembledCall call = assembler.assemble(pieces);
            ConversationStatus status = call.statusIfFinalisedNow();
            Optional<StoredConversation> existing = conversations.read(correlationId);
            boolean keep = existing.isPresent() && "complete".equals(existing.get().status())
                    && status != ConversationStatus.COMPLETE;
            if (!pieces.hasLlmRecords() || keep || finish(call, status, result)) {
                staging.markFinalised(correlationId, keep ? ConversationStatus.COMPLETE : status, now,
                        staged.headVersion());
            }
        }
        for (GatewayLogRecord g : staging.uncheckedGateways(cutoff, max)) {
            Optional<StoredConversation> existing = conversations.read(g.correlationId());
            if (existing.isPresent() && existing.get().document().path("caller").isMissingNode()) {
                joinLateGateway(g, now, result);
            }
            staging.markGatewayChecked(g.correlationId(), now);
        }
        listener.batchDone("sweep", result);
        return result;
    }

    /** Nothing more can come for this call: finish it now instead of staging. */
    private boolean finishedWithin(AssembledCall call) {
        return call.isComplete() || call.isSettledWithoutResponse() || call.isSettledAtCap(builder::atCap);
    }

    private static ConversationStatus settledStatus(AssembledCall call) {
        if (call.isComplete()) {
            return ConversationStatus.COMPLETE;
        }
        return call.hasResponseFragments() ? ConversationStatus.PARTIAL : ConversationStatus.NO_RESPONSE;
    }

    /** Returns false when the call could not be built (counted and dead-lettered, never thrown). */
    private boolean finish(AssembledCall call, ConversationStatus status, BatchResult result) {
        Built built;
        try {
            built = builder.build(call, status);
        } catch (RuntimeException e) {
            // A bug or pathological data in one call must not sink the batch; its raw bodies are archived.
            result.failedConversations++;
            deadLetters.putCall(call.correlationId(), List.of("correlation " + call.correlationId() + " could not be built: " + e.getClass().getSimpleName()));
            return false;
        }
        built.contentBlobs().forEach(content::put);
        conversations.upsert(built.document());
        result.written(status.wireName());
        result.dayWritten(built.document().day());
        return true;
    }

    /**
     * A GatewayLogs half without LLM records in this batch: stage it (so a later build finds it),
     * and if the conversation already exists, patch the caller in.
     */
    private void joinLateGateway(GatewayLogRecord g, Instant now, BatchResult result) {
        staging.stageGateway(g, now);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<StoredConversation> existing = conversations.read(g.correlationId());
            if (existing.isEmpty()) {
                return;
            }
            ConversationDocument joined = builder.withCaller(existing.get().document(), g);
            if (conversations.replaceIfMatch(joined, existing.get().etag())) {
                result.gatewayJoinedLate++;
                result.dayWritten(joined.day());
                return;
            }
        }
        throw new IllegalStateException("conversation " + g.correlationId() + " kept changing while joining its caller");
    }
}
