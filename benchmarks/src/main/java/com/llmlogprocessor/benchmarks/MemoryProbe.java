package com.llmlogprocessor.benchmarks;

import com.llmlogprocessor.ingest.BatchResult;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.ingest.IngestPipeline;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Peak heap of one Event Hub batch of ~100 bodies of ~1 MB (STRESS traffic), measured as the
 * smallest {@code -Xmx} at which a fresh JVM processes the batch: bisection over child JVMs with
 * {@code -XX:+ExitOnOutOfMemoryError}. Why not the memory pools' peak usage: with a roomy heap
 * the collector lets garbage pile up, so "peak used" measures the heap size and the GC's
 * laziness, not what the batch needs; the smallest heap that works is the need, GC headroom
 * included. The child holds the bodies as the Functions worker does (a {@code String[]}), has
 * the app warmed up on a small batch first, and writes to stores that keep nothing
 * ({@link DiscardingStores}), as the remote stores keep nothing in this process.
 */
public final class MemoryProbe {
    private static final long MB = 1024 * 1024;

    public record Trial(long xmxMb, boolean ok, long seconds) {
    }

    public record Result(int bodies, int calls, long batchBytes, long minXmxMb, long baselineUsedMb, long appUsedMb,
                         String childReport, List<Trial> trials) {
        /** The smallest heap minus the warmed app's own live heap (per process, not per batch). */
        public double netRatio() {
            return (minXmxMb - appUsedMb) * MB / (double) batchBytes;
        }

        public double ratio() {
            return minXmxMb * MB / (double) batchBytes;
        }
    }

    private MemoryProbe() {
    }

    public static Result measure(Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Workloads.Workload w = Workloads.stressBatch(100);
        Path file = workDir.resolve("stress-batch.bin");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            out.writeInt(w.bodies().size());
            for (String b : w.bodies()) {
                byte[] bytes = b.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
        System.out.printf("memory: %d bodies, %d calls, %.1f MB (UTF-8)%n", w.bodies().size(), w.calls(), w.megabytes());
        List<Trial> trials = new ArrayList<>();
        long batchMb = (w.utf8Bytes() + MB - 1) / MB;
        long lo = batchMb; // cannot fit: the bodies alone take this much
        long hi = 3 * batchMb; // the target: if this works, the target is met and bisection finds the need
        String report = null;
        Child c = child(file, hi, workDir);
        trials.add(c.trial);
        while (!c.trial.ok && hi < 16 * batchMb) {
            lo = hi;
            hi *= 2;
            c = child(file, hi, workDir);
            trials.add(c.trial);
        }
        if (!c.trial.ok) {
            return new Result(w.bodies().size(), w.calls(), w.utf8Bytes(), -1, -1, -1, null, trials);
        }
        report = c.report;
        long step = Math.max(8, batchMb / 16);
        while (hi - lo > step) {
            long mid = (lo + hi) / 2;
            Child m = child(file, mid, workDir);
            trials.add(m.trial);
            if (m.trial.ok) {
                hi = mid;
                report = m.report;
            } else {
                lo = mid;
            }
        }
        long baseline = -1;
        long app = -1;
        for (String part : report.split(" ")) {
            if (part.startsWith("baselineUsedMb=")) {
                baseline = Long.parseLong(part.substring("baselineUsedMb=".length()));
            } else if (part.startsWith("appUsedMb=")) {
                app = Long.parseLong(part.substring("appUsedMb=".length()));
            }
        }
        return new Result(w.bodies().size(), w.calls(), w.utf8Bytes(), hi, baseline, app, report, trials);
    }

    private record Child(Trial trial, String report) {
    }

    private static Child child(Path file, long xmxMb, Path workDir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = workDir.resolve("memory-" + xmxMb + "m.log");
        Process p = new ProcessBuilder(java, "-Xmx" + xmxMb + "m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long t0 = System.nanoTime();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        long secs = (System.nanoTime() - t0) / 1_000_000_000L;
        String report = Files.readAllLines(log).stream().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
        boolean ok = done && p.exitValue() == 0 && report != null;
        System.out.printf("memory: -Xmx%dm -> %s (%d s)%n", xmxMb, ok ? "ok" : done ? "failed (exit " + p.exitValue() + ")" : "timed out", secs);
        return new Child(new Trial(xmxMb, ok, secs), report);
    }

    /** Child JVM: warm the app up on a small batch, GC, load the batch, GC, then process the batch once. */
    public static void main(String[] args) throws IOException {
        DiscardingStores stores = new DiscardingStores();
        IngestPipeline pipeline = new IngestPipeline(stores, stores, stores, stores, stores, Workloads.builder(),
                Workloads.CLOCK);
        // warm-up: class loading, tokenizer tables, price table: fixed per process, not per batch
        var warm = new com.llmlogprocessor.traffic.TrafficGenerator(1);
        List<String> small = warm.bodies(warm.mix(20, com.llmlogprocessor.traffic.Mix.REALISTIC),
                com.llmlogprocessor.traffic.Delivery.inOrder());
        List<EventBody> smallBatch = new ArrayList<>();
        for (int i = 0; i < small.size(); i++) {
            smallBatch.add(new EventBody(small.get(i), "1", i, Workloads.CLOCK.instant()));
        }
        pipeline.ingest(smallBatch);
        small = null;
        smallBatch = null;
        System.gc();
        System.gc();
        long app = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        List<EventBody> batch = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(args[0])), 1 << 16))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                batch.add(new EventBody(new String(b, StandardCharsets.UTF_8), "0", 1000 + i, Workloads.CLOCK.instant()));
            }
        }
        System.gc();
        System.gc();
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        BatchResult r = pipeline.ingest(batch);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long peakSum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakSum += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("RESULT conversations=" + r.conversationsWritten() + " failed=" + r.failedConversations()
                + " appUsedMb=" + app / MB + " baselineUsedMb=" + baseline / MB + " poolPeakSumMb=" + peakSum / MB + " ms=" + ms
                + " maxHeapMb=" + Runtime.getRuntime().maxMemory() / MB);
        System.exit(r.conversationsWritten() > 0 ? 0 : 2);
    }
}
