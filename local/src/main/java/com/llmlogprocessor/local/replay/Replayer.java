package com.llmlogprocessor.local.replay;

import com.llmlogprocessor.functions.IngestFunction;
import com.llmlogprocessor.ingest.BatchResult;
import com.llmlogprocessor.ingest.IngestPipeline;
import com.llmlogprocessor.local.LocalExecutionContext;
import com.llmlogprocessor.store.StagingStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * Replays files through the real {@link IngestFunction#run}: bodies in trigger-sized batches
 * (up to {@value #MAX_BATCH} bodies, as host.json's {@code maxEventBatchSize}), each with the
 * system properties the Event Hub trigger gives (partition id = a stable name per source file,
 * sequence number = line number), so replaying a file again overwrites its raw blobs and
 * converges to the same stored state.
 */
public final class Replayer {
    public static final int MAX_BATCH = 100;
    /** Keeps a batch's memory bounded whatever the bodies' sizes. */
    static final long MAX_BATCH_CHARS = 16_000_000;
    /** "Everything pending": a cutoff after any real timestamp that still sorts as text (not Instant.MAX). */
    static final Instant FINALISE_ALL_CUTOFF = Instant.parse("9999-12-31T23:59:59Z");
    static final int FINALISE_PAGE = 200;
    private static final int ATTEMPTS = 5;
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    /** A source of lines: a file, or the bundled samples on the classpath. */
    public interface Source {
        String name();

        String partitionId();

        BufferedReader open() throws IOException;
    }

    private final ReplayStats stats;
    private final PrintStream out;
    private long lastProgress = System.nanoTime();

    public Replayer(ReplayStats stats, PrintStream out) {
        this.stats = stats;
        this.out = out;
    }

    public ReplayStats stats() {
        return stats;
    }

    public static Source file(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return new Source() {
            @Override
            public String name() {
                return file.toString();
            }

            @Override
            public String partitionId() {
                return partitionIdFor(abs);
            }

            @Override
            public BufferedReader open() throws IOException {
                // Malformed UTF-8 becomes U+FFFD (not an exception): a garbage line still goes to ingest.
                return new BufferedReader(new InputStreamReader(Files.newInputStream(abs), StandardCharsets.UTF_8));
            }
        };
    }

    public static Source classpath(String resource, String partitionId) {
        return new Source() {
            @Override
            public String name() {
                return "bundled samples (" + resource + ")";
            }

            @Override
            public String partitionId() {
                return partitionId;
            }

            @Override
            public BufferedReader open() throws IOException {
                var in = Replayer.class.getResourceAsStream(resource);
                if (in == null) {
                    throw new IOException("resource " + resource + " is not on the classpath");
                }
                return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        };
    }

    /** {@code replay-<file name>-<hash of the absolute path>}: stable per file, distinct per file. */
    static String partitionIdFor(Path absolute) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(absolute.toString().getBytes(StandardCharsets.UTF_8));
            String name = absolute.getFileName() == null ? "file" : absolute.getFileName().toString();
            return "replay-" + name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Replays one source. A file that cannot be read is reported as skipped (what was read before
     * the error stays replayed) and the replay goes on; a store failure that survives the retries
     * is fatal and thrown.
     */
    public void replay(Source source) {
        Batch batch = new Batch(source.partitionId());
        try (BufferedReader in = source.open()) {
            ReplayReader.read(in, body -> {
                if (batch.size() >= MAX_BATCH || (batch.size() > 0 && batch.chars + body.text().length() > MAX_BATCH_CHARS)) {
                    send(batch);
                }
                batch.add(body);
            });
            send(batch);
            stats.fileDone();
        } catch (IOException | UncheckedIOException e) {
            send(batch);
            stats.skipped(new ReplayFiles.Skipped(Path.of(source.name()), "cannot read: " + e.getMessage()));
            out.println("[replay] skipped " + source.name() + ": " + e.getMessage());
        }
    }

    private void send(Batch batch) {
        if (batch.size() == 0) {
            return;
        }
        String[] events = batch.bodies.toArray(String[]::new);
        @SuppressWarnings("unchecked")
        Map<String, Object>[] props = batch.props.toArray(Map[]::new);
        Map<String, Object> partitionContext = Map.of("PartitionId", batch.partitionId);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            LocalExecutionContext context = new LocalExecutionContext("ingest", out, Level.WARNING);
            try {
                new IngestFunction().run(events, props, partitionContext, context);
                context.loggedParameters(BatchResult.class).forEach(stats::add);
                last = null;
                break;
            } catch (RuntimeException e) {
                // What the trigger's retry policy does: the same batch again (every write is idempotent).
                last = e;
                out.println("[replay] ingest batch failed (attempt " + attempt + "/" + ATTEMPTS + "): " + e);
                sleep(1000L << (attempt - 1));
            }
        }
        if (last != null) {
            throw last;
        }
        stats.sent(events.length);
        batch.clear();
        progress(false);
    }

    /** Prints a progress line if the last one is older than ~2 s (or always, when forced). */
    public void progress(boolean force) {
        long now = System.nanoTime();
        if (force || now - lastProgress >= PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            out.println(stats.progressLine());
        }
    }

    /**
     * A replay is a closed set: whatever is still pending once every file went through will not
     * get more pieces now, so it is finalised at once ({@code partial} / {@code no_response}),
     * page by page until nothing is left. A later replay that brings the missing pieces repairs
     * it (a late piece reopens the call).
     */
    public void finaliseAll(IngestPipeline pipeline, StagingStore staging) {
        BatchResult total = new BatchResult();
        int stuck = 0;
        for (int page = 0; page < 100_000; page++) {
            List<String> pending = staging.idlePending(FINALISE_ALL_CUTOFF, FINALISE_PAGE);
            boolean gateways = !staging.uncheckedGateways(FINALISE_ALL_CUTOFF, 1).isEmpty();
            if (pending.isEmpty() && !gateways) {
                break;
            }
            total.add(pipeline.finaliseIdle(FINALISE_ALL_CUTOFF, FINALISE_PAGE));
            List<String> after = staging.idlePending(FINALISE_ALL_CUTOFF, FINALISE_PAGE);
            if (!pending.isEmpty() && after.equals(pending)) {
                stuck = after.size(); // none of them could be built: reasons are dead-lettered
                break;
            }
        }
        stats.finalised(total, stuck);
    }

    public void finish() {
        stats.finish();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static final class Batch {
        final String partitionId;
        final List<String> bodies = new ArrayList<>();
        final List<Map<String, Object>> props = new ArrayList<>();
        long chars;

        Batch(String partitionId) {
            this.partitionId = partitionId;
        }

        int size() {
            return bodies.size();
        }

        void add(ReplayReader.Body body) {
            bodies.add(body.text());
            Map<String, Object> p = new HashMap<>();
            p.put("PartitionId", partitionId);
            p.put("SequenceNumber", body.firstLine());
            props.add(p);
            chars += body.text().length();
        }

        void clear() {
            bodies.clear();
            props.clear();
            chars = 0;
        }
    }
}
