package com.llmlogprocessor.ingest;

import static com.llmlogprocessor.testdata.RecordTestData.call;
import static com.llmlogprocessor.testdata.RecordTestData.envelope;
import static com.llmlogprocessor.testdata.RecordTestData.gateway;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.conversation.ConversationBuilder;
import com.llmlogprocessor.conversation.Enricher;
import com.llmlogprocessor.store.memory.InMemoryStores;
import com.llmlogprocessor.testdata.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How many Cosmos operations one conversation costs, by delivery shape (counted, not timed). */
class StoreCostTest {
    private static final String REQ = "[{\"role\":\"user\",\"content\":\"hello\"}]";
    private static final String RESP = "{\"role\":\"assistant\",\"content\":\"hi\"}";

    private final InMemoryStores stores = new InMemoryStores();
    private final IngestPipeline pipeline = new IngestPipeline(stores, stores, stores, stores, stores,
            new ConversationBuilder(Enricher.defaults(), Settings.ContentMode.FULL, 4096),
            new MutableClock(Instant.parse("2026-12-04T10:00:00Z")));
    private long seq;

    private void ingest(List<ObjectNode> records) {
        pipeline.ingest(List.of(new EventBody(envelope(records), "0", seq++, null)));
    }

    @Test
    void givenOneBatchWithGatewayHalf_thenOneWriteAndNoRead() {
        List<ObjectNode> records = new ArrayList<>(call("a", REQ, RESP, 10));
        records.add(gateway("a", 200));
        ingest(records);
        System.out.printf("one batch, with GatewayLogs: %d writes, %d reads%n", stores.cosmosWrites.get(), stores.cosmosReads.get());
        assertThat(stores.cosmosWrites.get()).isEqualTo(1);
        assertThat(stores.cosmosReads.get()).isZero();
    }

    @Test
    void givenOneBatchWithoutGatewayHalf_thenOneWriteAndOnePointRead() {
        ingest(call("b", REQ, RESP, 10));
        System.out.printf("one batch, no GatewayLogs: %d writes, %d reads%n", stores.cosmosWrites.get(), stores.cosmosReads.get());
        assertThat(stores.cosmosWrites.get()).isEqualTo(1);
        assertThat(stores.cosmosReads.get()).isEqualTo(1);
    }

    @Test
    void givenThreeBatches_thenPiecesHeadsAndOneDocument() {
        List<ObjectNode> records = new ArrayList<>(call("c", REQ, RESP, 10));
        records.add(gateway("c", 200));
        // 0: meta, 1-3: request (3 pieces), 4-5: response; gateway last
        ingest(records.subList(0, 2));
        ingest(records.subList(2, 5));
        ingest(records.subList(5, records.size()));
        long writes = stores.cosmosWrites.get();
        long reads = stores.cosmosReads.get();
        System.out.printf("three batches (%d records): %d writes, %d reads%n", records.size(), writes, reads);
        // per batch: one write per staged record + one head write, one load query; then the
        // conversation upsert and the head's finalised mark
        int stagedRecords = records.size();
        assertThat(writes).isEqualTo(stagedRecords + 3 + 1 + 1);
        assertThat(reads).isEqualTo(3);
        assertThat(stores.conversation("c").get("status").asText()).isEqualTo("complete");
    }
}
