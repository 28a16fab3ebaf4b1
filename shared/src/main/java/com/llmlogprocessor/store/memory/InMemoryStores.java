package com.llmlogprocessor.store.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.assemble.CallPieces;
import com.llmlogprocessor.assemble.ConversationStatus;
import com.llmlogprocessor.conversation.ConversationDocument;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import com.llmlogprocessor.parse.GatewayLogRecord;
import com.llmlogprocessor.store.ContentStore;
import com.llmlogprocessor.store.ConversationStore;
import com.llmlogprocessor.store.DeadLetters;
import com.llmlogprocessor.store.RawArchive;
import com.llmlogprocessor.store.StagingStore;
import com.llmlogprocessor.store.StoredConversation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every storage port in memory, with operation and byte counters: for unit tests of the core and
 * for the pipeline benchmark. Not used in Azure or by the integration tests, which use the real
 * Cosmos DB and Blob adapters against emulators.
 */
public final class InMemoryStores implements RawArchive, DeadLetters, ContentStore, ConversationStore, StagingStore {
    public final Map<String, String> raw = new ConcurrentSkipListMap<>();
    public final Map<String, List<String>> deadLetters = new ConcurrentSkipListMap<>();
    public final Map<String, byte[]> content = new ConcurrentSkipListMap<>();
    /** Documents as serialised JSON, as a database holds them (read back on demand). */
    public final Map<String, byte[]> conversations = new ConcurrentSkipListMap<>();
    private final Map<String, Long> etags = new ConcurrentHashMap<>();
    private final Map<String, CallPieces> staged = new ConcurrentHashMap<>();
    private final Map<String, Head> heads = new ConcurrentHashMap<>();
    private final Map<String, GatewayStage> gateways = new ConcurrentHashMap<>();
    public final AtomicLong cosmosWrites = new AtomicLong();
    public final AtomicLong cosmosReads = new AtomicLong();
    public final AtomicLong cosmosWriteBytes = new AtomicLong();
    public final AtomicLong blobWrites = new AtomicLong();
    public final AtomicLong blobWriteBytes = new AtomicLong();
    private final AtomicLong etagSeq = new AtomicLong();

    private record Head(Instant lastSeen, ConversationStatus finalised, long version) {
    }

    private record GatewayStage(GatewayLogRecord record, Instant stagedAt, boolean checked) {
    }

    @Override
    public String put(EventBody body) {
        String name = RawArchive.nameOf(body);
        raw.put(name, body.body());
        blobWrites.incrementAndGet();
        blobWriteBytes.addAndGet(body.body().length());
        return name;
    }

    @Override
    public String put(EventBody body, List<String> reasons) {
        String name = DeadLetters.nameOf(body);
        deadLetters.put(name, List.copyOf(reasons));
        blobWrites.incrementAndGet();
        return name;
    }

    @Override
    public String putCall(String correlationId, List<String> reasons) {
        String name = DeadLetters.callName(correlationId);
        deadLetters.put(name, List.copyOf(reasons));
        blobWrites.incrementAndGet();
        return name;
    }

    @Override
    public void put(String name, byte[] json) {
        content.put(name, json.clone());
        blobWrites.incrementAndGet();
        blobWriteBytes.addAndGet(json.length);
    }

    @Override
    public Optional<byte[]> get(String name) {
        return Optional.ofNullable(content.get(name)).map(byte[]::clone);
    }

    @Override
    public void upsert(ConversationDocument doc) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        conversations.put(doc.id(), json);
        etags.put(doc.id(), etagSeq.incrementAndGet());
        cosmosWrites.incrementAndGet();
        cosmosWriteBytes.addAndGet(json.length);
    }

    @Override
    public Optional<StoredConversation> read(String correlationId) {
        cosmosReads.incrementAndGet();
        ObjectNode n = conversation(correlationId);
        return n == null ? Optional.empty() : Optional.of(new StoredConversation(n, String.valueOf(etags.get(correlationId))));
    }

    @Override
    public synchronized boolean replaceIfMatch(ConversationDocument doc, String etag) {
        if (!String.valueOf(etags.get(doc.id())).equals(etag)) {
            return false;
        }
        upsert(doc);
        return true;
    }

    /** The stored document, parsed (a fresh tree each call), or null. */
    public ObjectNode conversation(String id) {
        byte[] json = conversations.get(id);
        try {
            return json == null ? null : (ObjectNode) Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stage(CallPieces pieces, Instant now) {
        CallPieces copy = new CallPieces(pieces.correlationId());
        pieces.llm().values().forEach(copy::add);
        if (pieces.gateway() != null) {
            copy.add(pieces.gateway());
        }
        staged.merge(pieces.correlationId(), copy, CallPieces::addAll);
        heads.put(pieces.correlationId(), new Head(now, null, etagSeq.incrementAndGet()));
        cosmosWrites.addAndGet(pieces.llm().size() + (pieces.gateway() == null ? 0 : 1) + 1);
    }

    @Override
    public Staged load(String correlationId) {
        cosmosReads.incrementAndGet();
        CallPieces out = new CallPieces(correlationId);
        CallPieces s = staged.get(correlationId);
        if (s != null) {
            out.addAll(s);
        }
        GatewayStage g = gateways.get(correlationId);
        if (g != null) {
            out.add(g.record());
        }
        Head h = heads.get(correlationId);
        return new Staged(out, h == null ? null : String.valueOf(h.version()));
    }

    @Override
    public Optional<GatewayLogRecord> stagedGateway(String correlationId) {
        cosmosReads.incrementAndGet();
        GatewayStage g = gateways.get(correlationId);
        return g == null ? Optional.empty() : Optional.of(g.record());
    }

    @Override
    public void stageGateway(GatewayLogRecord record, Instant now) {
        gateways.put(record.correlationId(), new GatewayStage(record, now, false));
        cosmosWrites.incrementAndGet();
    }

    @Override
    public synchronized boolean markFinalised(String correlationId, ConversationStatus status, Instant now,
                                              String headVersion) {
        Head h = heads.get(correlationId);
        if (headVersion != null && (h == null || !String.valueOf(h.version()).equals(headVersion))) {
            return false;
        }
        heads.put(correlationId, new Head(h == null ? now : h.lastSeen(), status, etagSeq.incrementAndGet()));
        cosmosWrites.incrementAndGet();
        return true;
    }

    @Override
    public List<String> idlePending(Instant cutoff, int max) {
        List<Map.Entry<String, Head>> list = new ArrayList<>(heads.entrySet());
        list.sort(Comparator.comparing((Map.Entry<String, Head> e) -> e.getValue().lastSeen()).thenComparing(Map.Entry::getKey));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Head> e : list) {
            if (e.getValue().finalised() == null && e.getValue().lastSeen().isBefore(cutoff) && out.size() < max) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    @Override
    public List<GatewayLogRecord> uncheckedGateways(Instant cutoff, int max) {
        return new TreeMap<>(gateways).values().stream()
                .filter(g -> !g.checked() && g.stagedAt().isBefore(cutoff))
                .limit(max)
                .map(GatewayStage::record)
                .toList();
    }

    @Override
    public void markGatewayChecked(String correlationId, Instant now) {
        gateways.computeIfPresent(correlationId, (k, g) -> new GatewayStage(g.record(), g.stagedAt(), true));
    }

    /** The staged LLM records of a correlation, for tests. */
    public List<GatewayLlmRecord> stagedRecords(String correlationId) {
        CallPieces p = staged.get(correlationId);
        return p == null ? List.of() : List.copyOf(p.llm().values());
    }
}
