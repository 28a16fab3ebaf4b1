package com.llmlogprocessor.local.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.ingest.BatchResult;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.local.LocalApp;
import com.llmlogprocessor.local.emulator.Emulators;
import com.llmlogprocessor.store.AzureClients;
import com.llmlogprocessor.store.cosmos.CosmosContainers;
import com.llmlogprocessor.traffic.Delivery;
import com.llmlogprocessor.traffic.GeneratedCall;
import com.llmlogprocessor.traffic.Mix;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Convergence (DESIGN.md invariant): the same records delivered in any order, any split into
 * bodies and batches, with duplicates, redelivered batches, two instances processing interleaved
 * batches at once and GatewayLogs halves arriving last, end in the same stored documents as a
 * clean in-order delivery. Seeded: a failing seed reproduces exactly.
 */
class ConvergenceIT {

    private static AppContext instance(String database) {
        AppContext first = LocalApp.start(Emulators.shared(), Map.of(Settings.COSMOS_DATABASE, database), Clock.systemUTC());
        return first;
    }

    private static AppContext secondInstance(AppContext first) {
        Settings s = first.settings();
        return new AppContext(s, AzureClients.cosmos(s), AzureClients.blob(s), Clock.systemUTC());
    }

    private static List<EventBody> events(List<String> bodies, String partition, long firstSeq) {
        List<EventBody> out = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            out.add(new EventBody(bodies.get(i), partition, firstSeq + i, Instant.parse("2026-12-04T10:00:00Z")));
        }
        return out;
    }

    /** Closes the set: everything still pending is finalised now (as after the grace period). */
    private static void closeSet(AppContext app) {
        Instant future = Instant.now().plus(Duration.ofDays(1));
        for (int i = 0; i < 20 && app.pipeline().finaliseIdle(future, 500).conversationsWritten() > 0; i++) {
            // repeat until a pass writes nothing
        }
    }

    private static Map<String, ObjectNode> snapshot(AppContext app) {
        Map<String, ObjectNode> out = new TreeMap<>();
        for (ObjectNode d : app.database().getContainer(CosmosContainers.CONVERSATIONS)
                .queryItems("SELECT * FROM c", new CosmosQueryRequestOptions(), ObjectNode.class)) {
            d.remove(List.of("_rid", "_self", "_etag", "_attachments", "_ts"));
            // which raw bodies carried the pieces depends on the delivery, by design
            ((ObjectNode) d.get("archive")).remove("raw");
            out.put(d.get("id").asText(), d);
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void givenAnyDeliverySchedule_thenSameDocumentsAsCleanDelivery(long seed) throws Exception {
        TrafficGenerator gen = new TrafficGenerator(seed);
        List<GeneratedCall> calls = new ArrayList<>(gen.mix(10, Mix.REALISTIC));
        calls.addAll(gen.mix(6, Mix.EDGE));

        AppContext gold = instance("convergence-gold-" + seed);
        gold.pipeline().ingest(events(gen.bodies(calls, Delivery.inOrder()), "gold", 0));
        closeSet(gold);
        Map<String, ObjectNode> expected = snapshot(gold);
        assertThat(expected).isNotEmpty();

        // The chaotic schedule: GatewayLogs halves held back to the end, everything else shuffled,
        // duplicated, split into small bodies and random batches, some batches redelivered.
        Random rnd = new Random(seed);
        List<GeneratedCall> llmOnly = new ArrayList<>();
        List<GeneratedCall> gatewayOnly = new ArrayList<>();
        for (GeneratedCall c : calls) {
            llmOnly.add(new GeneratedCall(c.correlationId(), c.time(), c.outcome(), c.deployment(), c.model(),
                    c.apiVersionRaw(), c.requestId(), c.streaming(), c.promptTokens(), c.completionTokens(),
                    c.cachedPromptTokens(), c.requestMessagesJson(), c.responseMessagesJson(), c.requestTruncated(),
                    c.responseTruncated(), c.requestMessages(), c.responseMessages(), c.caller(), c.llmRecords(), null));
            if (c.gatewayLogRecord() != null) {
                gatewayOnly.add(new GeneratedCall(c.correlationId(), c.time(), c.outcome(), c.deployment(), c.model(),
                        c.apiVersionRaw(), c.requestId(), c.streaming(), 0, 0, 0, null, null, false, false, null, null,
                        c.caller(), List.of(), c.gatewayLogRecord()));
            }
        }
        List<String> bodies = new ArrayList<>(gen.bodies(llmOnly,
                Delivery.chaotic().withRecordsPerBody(1, 3).withDuplicateRate(0.3)));
        Collections.shuffle(bodies, rnd);
        List<List<EventBody>> batches = new ArrayList<>();
        long seq = 0;
        for (List<String> b : TrafficGenerator.batches(bodies, 4, rnd)) {
            String partition = String.valueOf(rnd.nextInt(4));
            batches.add(events(b, partition, seq));
            seq += b.size();
        }
        for (int i = 0, n = batches.size(); i < n; i += 3) {
            batches.add(batches.get(i)); // redelivery
        }
        Collections.shuffle(batches, rnd);
        batches.add(events(gen.bodies(gatewayOnly, Delivery.chaotic()), "late", 0));

        AppContext one = instance("convergence-chaos-" + seed);
        AppContext two = secondInstance(one);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        BatchResult total = new BatchResult();
        try {
            List<Future<BatchResult>> running = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                AppContext app = i % 2 == 0 ? one : two;
                List<EventBody> batch = batches.get(i);
                running.add(pool.submit(() -> app.pipeline().ingest(batch)));
                if (running.size() == 2) {
                    for (Future<BatchResult> f : running) {
                        total.add(f.get());
                    }
                    running.clear();
                }
            }
            for (Future<BatchResult> f : running) {
                total.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        closeSet(one);
        // the schedule really exercised the cross-batch paths
        assertThat(total.staged()).isPositive();
        assertThat(total.gatewayJoinedLate()).isPositive();
        assertThat(expected.values()).anySatisfy(d -> assertThat(d.has("caller")).isTrue());

        Map<String, ObjectNode> actual = snapshot(one);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(actual.get(id)).as("document %s (seed %d)", id, seed).isEqualTo(expected.get(id));
        }
    }
}
