package com.llmlogprocessor.benchmarks;

import com.llmlogprocessor.assemble.CallPieces;
import com.llmlogprocessor.assemble.ConversationStatus;
import com.llmlogprocessor.conversation.ConversationDocument;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.parse.GatewayLogRecord;
import com.llmlogprocessor.store.ContentStore;
import com.llmlogprocessor.store.ConversationStore;
import com.llmlogprocessor.store.DeadLetters;
import com.llmlogprocessor.store.RawArchive;
import com.llmlogprocessor.store.StagingStore;
import com.llmlogprocessor.store.StoredConversation;
import com.llmlogprocessor.store.memory.InMemoryStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Stores for the memory probe that behave like the Azure adapters on the heap — the raw body is
 * gzipped, the document serialised, the content bytes handed over — and then keep nothing, as a
 * remote store keeps nothing in this process. {@link InMemoryStores} would hold every document
 * and blob and so measure itself. Staging delegates to an {@link InMemoryStores} (small).
 */
final class DiscardingStores implements RawArchive, DeadLetters, ContentStore, ConversationStore, StagingStore {
    private final InMemoryStores staging = new InMemoryStores();
    long documents;
    long documentBytes;
    long contentBytes;
    long rawGzipBytes;

    @Override
    public String put(EventBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.body().length() / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body.body().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rawGzipBytes += out.size();
        return RawArchive.nameOf(body);
    }

    @Override
    public String put(EventBody body, List<String> reasons) {
        return DeadLetters.nameOf(body);
    }

    @Override
    public String putCall(String correlationId, List<String> reasons) {
        return DeadLetters.callName(correlationId);
    }

    @Override
    public void put(String name, byte[] json) {
        contentBytes += json.length;
    }

    @Override
    public Optional<byte[]> get(String name) {
        return Optional.empty();
    }

    @Override
    public void upsert(ConversationDocument doc) {
        documents++;
        documentBytes += Json.MAPPER.valueToTree(doc).toString().getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public Optional<StoredConversation> read(String correlationId) {
        return Optional.empty();
    }

    @Override
    public boolean replaceIfMatch(ConversationDocument doc, String etag) {
        return false;
    }

    @Override
    public void stage(CallPieces pieces, Instant now) {
        staging.stage(pieces, now);
    }

    @Override
    public Staged load(String correlationId) {
        return staging.load(correlationId);
    }

    @Override
    public Optional<GatewayLogRecord> stagedGateway(String correlationId) {
        return staging.stagedGateway(correlationId);
    }

    @Override
    public void stageGateway(GatewayLogRecord record, Instant now) {
        staging.stageGateway(record, now);
    }

    @Override
    public boolean markFinalised(String correlationId, ConversationStatus status, Instant now, String headVersion) {
        return staging.markFinalised(correlationId, status, now, headVersion);
    }

    @Override
    public List<String> idlePending(Instant cutoff, int max) {
        return staging.idlePending(cutoff, max);
    }

    @Override
    public List<GatewayLogRecord> uncheckedGateways(Instant cutoff, int max) {
        return staging.uncheckedGateways(cutoff, max);
    }

    @Override
    public void markGatewayChecked(String correlationId, Instant now) {
        staging.markGatewayChecked(correlationId, now);
    }
}
