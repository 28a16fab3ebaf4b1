package com.llmlogprocessor.benchmarks;

import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.ingest.BatchResult;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.local.LocalApp;
import com.llmlogprocessor.local.emulator.Emulators;
import com.llmlogprocessor.traffic.Delivery;
import com.llmlogprocessor.traffic.Mix;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Conversations per second through the real app ({@code AppContext.get().pipeline().ingest}) on
 * the local emulators (Azurite, the Cosmos DB server) over the real SDKs: REALISTIC traffic in
 * batches of 100 bodies, after a warm-up run on other correlation ids.
 */
public final class EndToEnd {
    public record Result(int calls, int bodies, long bytes, int conversations, double seconds) {
        public double conversationsPerSecond() {
            return conversations / seconds;
        }

        public double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    private EndToEnd() {
    }

    public static Result measure(int calls) {
        try (Emulators emulators = Emulators.start(Emulators.Options.freePorts())) {
            LocalApp.start(emulators, Map.of(Settings.COSMOS_DATABASE, "bench-e2e"), Clock.systemUTC());
            TrafficGenerator warmGen = new TrafficGenerator(Workloads.SEED + 100);
            run(warmGen.bodies(warmGen.mix(60, Mix.REALISTIC), Delivery.inOrder()), "9");
            TrafficGenerator gen = new TrafficGenerator(Workloads.SEED + 101);
            List<String> bodies = gen.bodies(gen.mix(calls, Mix.REALISTIC), Delivery.inOrder());
            long t0 = System.nanoTime();
            BatchResult r = run(bodies, "0");
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Result(calls, bodies.size(), Workloads.utf8(bodies), r.conversationsWritten(), secs);
        }
    }

    private static BatchResult run(List<String> bodies, String partition) {
        BatchResult total = new BatchResult();
        for (List<EventBody> batch : Workloads.batches(bodies, partition, 1)) {
            total.add(AppContext.get().pipeline().ingest(batch));
        }
        return total;
    }

    public static void main(String[] args) {
        Result r = measure(args.length > 0 ? Integer.parseInt(args[0]) : 200);
        System.out.println(r + " conv/s=" + r.conversationsPerSecond());
        System.exit(0);
    }
}
