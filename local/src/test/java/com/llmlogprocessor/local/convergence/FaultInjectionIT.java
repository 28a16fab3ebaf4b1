package com.llmlogprocessor.local.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.ingest.IngestPipeline;
import com.llmlogprocessor.local.LocalApp;
import com.llmlogprocessor.local.emulator.Emulators;
import com.llmlogprocessor.store.ContentStore;
import com.llmlogprocessor.store.ConversationStore;
import com.llmlogprocessor.store.DeadLetters;
import com.llmlogprocessor.store.RawArchive;
import com.llmlogprocessor.store.StagingStore;
import com.llmlogprocessor.store.cosmos.CosmosContainers;
import com.llmlogprocessor.traffic.CallSpec;
import com.llmlogprocessor.traffic.Delivery;
import com.llmlogprocessor.traffic.GeneratedCall;
import com.llmlogprocessor.traffic.Mix;
import com.llmlogprocessor.traffic.Size;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A store failure in the middle of a batch (a Cosmos 503, a Blob timeout) fails the invocation;
 * redelivering the batch then ends in exactly the state of a clean run: nothing lost, nothing
 * doubled. Faults are injected around the real adapters, which talk to the emulators.
 */
class FaultInjectionIT {

    /** Wraps {@code target} so that the {@code nth} call of {@code method} throws. */
    @SuppressWarnings("unchecked")
    static <T> T failingOn(Class<T> type, T target, String method, int nth) {
        AtomicInteger calls = new AtomicInteger();
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals(method) && calls.incrementAndGet() == nth) {
                throw new IllegalStateException("injected fault: " + type.getSimpleName() + "." + method + " #" + nth);
            }
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static List<List<EventBody>> batches(long seed) {
        TrafficGenerator gen = new TrafficGenerator(seed);
        List<GeneratedCall> calls = new ArrayList<>(gen.mix(8, Mix.REALISTIC));
        calls.add(gen.call(CallSpec.builder().size(Size.LARGE).build()));
        List<String> bodies = gen.bodies(calls, Delivery.chaotic().withRecordsPerBody(1, 4));
        List<List<EventBody>> out = new ArrayList<>();
        long seq = 0;
        for (int from = 0; from < bodies.size(); from += 5) {
            List<EventBody> batch = new ArrayList<>();
            for (String b : bodies.subList(from, Math.min(bodies.size(), from + 5))) {
                batch.add(new EventBody(b, "0", seq++, Instant.parse("2026-12-04T10:00:00Z")));
            }
            out.add(batch);
        }
        return out;
    }

    private static Map<String, ObjectNode> snapshot(AppContext app) {
        app.pipeline().finaliseIdle(Instant.now().plus(Duration.ofDays(1)), 1000);
        Map<String, ObjectNode> out = new TreeMap<>();
        for (ObjectNode d : app.database().getContainer(CosmosContainers.CONVERSATIONS)
                .queryItems("SELECT * FROM c", new CosmosQueryRequestOptions(), ObjectNode.class)) {
            d.remove(List.of("_rid", "_self", "_etag", "_attachments", "_ts"));
            out.put(d.get("id").asText(), d);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}.{1} #{2}")
    @CsvSource({
        "ConversationStore, upsert, 3",
        "StagingStore, stage, 2",
        "StagingStore, load, 2",
        "ContentStore, put, 1",
        "RawArchive, putAll, 2",
    })
    void givenAStoreFailureMidBatch_thenRedeliveryEndsIdenticalToACleanRun(String store, String method, int nth) {
        long seed = 99;
        AppContext clean = LocalApp.start(Emulators.shared(),
                Map.of(Settings.COSMOS_DATABASE, "fault-clean-" + store + method), Clock.systemUTC());
        batches(seed).forEach(clean.pipeline()::ingest);
        Map<String, ObjectNode> expected = snapshot(clean);

        AppContext app = LocalApp.start(Emulators.shared(),
                Map.of(Settings.COSMOS_DATABASE, "fault-" + store + method), Clock.systemUTC());
        RawArchive raw = app.archive();
        DeadLetters dead = app.archive();
        ContentStore content = app.archive();
        ConversationStore conversations = app.conversations();
        StagingStore staging = app.staging();
        switch (store) {
            case "ConversationStore" -> conversations = failingOn(ConversationStore.class, conversations, method, nth);
            case "StagingStore" -> staging = failingOn(StagingStore.class, staging, method, nth);
            case "ContentStore" -> content = failingOn(ContentStore.class, content, method, nth);
            case "RawArchive" -> raw = failingOn(RawArchive.class, raw, method, nth);
            default -> throw new IllegalArgumentException(store);
        }
        IngestPipeline faulty = app.pipelineWith(raw, dead, conversations, staging, content);
        int failures = 0;
        for (List<EventBody> batch : batches(seed)) {
            try {
                faulty.ingest(batch);
            } catch (IllegalStateException e) {
                assertThat(e).hasMessageStartingWith("injected fault");
                failures++;
                // the trigger's retry policy redelivers the same batch
                faulty.ingest(batch);
            }
        }
        assertThat(failures).as("the fault fired").isEqualTo(1);
        assertThat(snapshot(app)).isEqualTo(expected);
    }
}
