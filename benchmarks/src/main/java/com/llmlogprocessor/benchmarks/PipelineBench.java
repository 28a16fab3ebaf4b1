package com.llmlogprocessor.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmlogprocessor.conversation.ConversationBuilder;
import com.llmlogprocessor.ingest.BatchResult;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.ingest.IngestPipeline;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.store.memory.InMemoryStores;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One operation = the whole workload (all its bodies, in Event Hub batches of 100) through the
 * ingest pipeline — parse, assemble, enrich (classification, tokens, cost), build and serialise
 * the documents — into fresh {@link InMemoryStores}; and, on the same bytes, the floor: Jackson's
 * {@code readTree} of every body. One benchmark thread; MB/s = ops/s × workload bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 8)
@Measurement(iterations = 4, time = 8)
public class PipelineBench {

    @Param({"REALISTIC", "STRESS"})
    public String mix;

    private List<String> bodies;
    private List<List<EventBody>> batches;
    private ConversationBuilder builder;

    @Setup
    public void setUp() {
        Workloads.Workload w = Workloads.of(mix);
        bodies = w.bodies();
        batches = Workloads.batches(bodies, "0", 1);
        builder = Workloads.builder();
    }

    @Benchmark
    public long pipeline() {
        InMemoryStores s = new InMemoryStores();
        IngestPipeline p = new IngestPipeline(s, s, s, s, s, builder, Workloads.CLOCK);
        long written = 0;
        for (List<EventBody> batch : batches) {
            BatchResult r = p.ingest(batch);
            written += r.records();
        }
        return written + s.cosmosWriteBytes.get();
    }

    @Benchmark
    public void rawParse(Blackhole bh) throws IOException {
        for (String b : bodies) {
            JsonNode n = Json.MAPPER.readTree(b);
            bh.consume(n);
        }
    }
}
