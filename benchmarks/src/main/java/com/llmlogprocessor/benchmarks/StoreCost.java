package com.llmlogprocessor.benchmarks;

import com.llmlogprocessor.ingest.BatchResult;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.ingest.IngestPipeline;
import com.llmlogprocessor.store.memory.InMemoryStores;
import com.llmlogprocessor.traffic.CallOutcome;
import com.llmlogprocessor.traffic.Delivery;
import com.llmlogprocessor.traffic.GeneratedCall;
import com.llmlogprocessor.traffic.Mix;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * Store operations and bytes per conversation, from the {@link InMemoryStores} counters: the
 * calls delivered in one batch, and the same kind of calls with each conversation's records
 * spread over three consecutive batches (staging, then finishing from the staged set).
 */
public final class StoreCost {
    private StoreCost() {
    }

    /** Counters of one scenario, totals (divide by {@link #conversations} for per-conversation figures). */
    public record Cost(String scenario, int conversations, int bodies, long cosmosWrites, long cosmosReads,
                       long cosmosWriteBytes, long blobWrites, long blobWriteBytes, int rawBlobs, long rawBytes,
                       int contentBlobs, long contentBytes) {
        public double per(long v) {
            return conversations == 0 ? Double.NaN : v / (double) conversations;
        }
    }

    public static List<Cost> measure() {
        List<Cost> out = new ArrayList<>();
        TrafficGenerator gen = new TrafficGenerator(Workloads.SEED + 7);
        List<GeneratedCall> realistic = withoutProbes(gen.mix(200, Mix.REALISTIC));
        out.add(oneBatch("REALISTIC, one batch", gen.bodies(realistic, Delivery.inOrder())));
        List<GeneratedCall> stress = new TrafficGenerator(Workloads.SEED + 8).mix(5, Mix.STRESS);
        out.add(oneBatch("STRESS (2 MB), one batch", gen.bodies(stress, Delivery.inOrder())));
        out.add(crossBatch("REALISTIC, spread over 3 batches", gen, realistic));
        return out;
    }

    private static List<GeneratedCall> withoutProbes(List<GeneratedCall> calls) {
        return calls.stream().filter(c -> c.outcome() != CallOutcome.PROBE).toList();
    }

    static Cost oneBatch(String name, List<String> bodies) {
        List<EventBody> batch = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            batch.add(new EventBody(bodies.get(i), "0", i + 1, Workloads.CLOCK.instant()));
        }
        return run(name, List.of(batch));
    }

    /**
     * Each call's records one per body, its bodies cut into three consecutive thirds; batch k holds
     * the k-th third of every call. Calls with fewer than three records are left out.
     */
    static Cost crossBatch(String name, TrafficGenerator gen, List<GeneratedCall> calls) {
        List<List<EventBody>> batches = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Delivery onePerBody = Delivery.inOrder().withRecordsPerBody(1, 1);
        long seq = 1;
        for (GeneratedCall c : calls) {
            List<String> bodies = gen.bodies(List.of(c), onePerBody);
            if (bodies.size() < 3) {
                continue;
            }
            int n = bodies.size();
            int[] cuts = {0, n / 3, 2 * n / 3, n};
            for (int k = 0; k < 3; k++) {
                for (int i = cuts[k]; i < cuts[k + 1]; i++) {
                    batches.get(k).add(new EventBody(bodies.get(i), "0", seq++, Workloads.CLOCK.instant()));
                }
            }
        }
        return run(name, batches);
    }

    private static Cost run(String name, List<List<EventBody>> batches) {
        InMemoryStores s = new InMemoryStores();
        IngestPipeline p = new IngestPipeline(s, s, s, s, s, Workloads.builder(), Workloads.CLOCK);
        BatchResult total = new BatchResult();
        int bodies = 0;
        long rawBytes = 0;
        for (List<EventBody> b : batches) {
            total.add(p.ingest(b));
            bodies += b.size();
            for (EventBody e : b) {
                rawBytes += e.body().length();
            }
        }
        long contentBytes = s.content.values().stream().mapToLong(v -> v.length).sum();
        return new Cost(name, s.conversations.size(), bodies, s.cosmosWrites.get(), s.cosmosReads.get(),
                s.cosmosWriteBytes.get(), s.blobWrites.get(), s.blobWriteBytes.get(), s.raw.size(), rawBytes,
                s.content.size(), contentBytes);
    }

    public static void main(String[] args) {
        for (Cost c : measure()) {
            System.out.println(c);
        }
    }
}
