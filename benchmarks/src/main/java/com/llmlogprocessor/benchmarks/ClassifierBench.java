package com.llmlogprocessor.benchmarks;

import com.llmlogprocessor.classify.ClassifierConfig;
import com.llmlogprocessor.classify.ContentClassifier;
import com.llmlogprocessor.classify.Flag;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ContentClassifier#classify} on the request and response text of one STRESS call (both
 * sides at the 2 MB cap), as the pipeline extracts it. MB/s = text bytes (UTF-8) / time per op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 6)
@Measurement(iterations = 4, time = 6)
public class ClassifierBench {
    private Workloads.Conversation conversation;
    private ContentClassifier classifier;

    @Setup
    public void setUp() {
        conversation = Workloads.stressConversation();
        classifier = new ContentClassifier(ClassifierConfig.defaults());
    }

    @Benchmark
    public List<Flag> classify() {
        return classifier.classify(conversation.request(), conversation.response());
    }
}
