package com.llmlogprocessor.classify;

import com.llmlogprocessor.conversation.ChatText;
import com.llmlogprocessor.traffic.GeneratedCall;
import com.llmlogprocessor.traffic.Mix;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Old ({@link ReferenceContentClassifier}) against new ({@link ContentClassifier}) classification
 * time on STRESS calls (2 MB request + 2 MB response each), in one JVM. Prints only; no timing
 * assertion. Opt in: {@code mvn -B -ntp -q -pl shared test -Dtest=ClassifierBenchmark -Dclassifier.bench=true}.
 */
@EnabledIfSystemProperty(named = "classifier.bench", matches = "true")
class ClassifierBenchmark {

    private static final int CALLS = 3;
    private static final int ROUNDS = 5;

    @Test
    void oldVersusNewOnStressCalls() {
        List<GeneratedCall> calls = new TrafficGenerator(42).mix(CALLS, Mix.STRESS);
        List<List<ChatText>> requests = calls.stream().map(ClassifierTexts::request).toList();
        List<List<ChatText>> responses = calls.stream().map(ClassifierTexts::response).toList();
        List<String> texts = new ArrayList<>();
        List<String> requestTexts = new ArrayList<>();
        requests.forEach(r -> r.forEach(m -> {
            texts.add(m.text());
            requestTexts.add(m.text());
        }));
        responses.forEach(r -> r.forEach(m -> texts.add(m.text())));
        long chars = texts.stream().mapToLong(String::length).sum();
        long requestChars = requestTexts.stream().mapToLong(String::length).sum();

        ReferenceContentClassifier oldC = new ReferenceContentClassifier(ClassifierConfig.defaults());
        ContentClassifier newC = new ContentClassifier(ClassifierConfig.defaults());
        Runnable oldRun = () -> {
            for (int i = 0; i < CALLS; i++) {
                oldC.classify(requests.get(i), responses.get(i));
            }
        };
        Runnable newRun = () -> {
            for (int i = 0; i < CALLS; i++) {
                newC.classify(requests.get(i), responses.get(i));
            }
        };
        for (int w = 0; w < 2; w++) { // warm-up
            oldRun.run();
            newRun.run();
        }
        long oldNs = 0, newNs = 0;
        for (int round = 0; round < ROUNDS; round++) {
            oldNs += time(oldRun);
            newNs += time(newRun);
        }
        System.out.printf("%nClassifierBenchmark: %d STRESS calls (seed 42), %.2f M chars per round, %d rounds after 2 warm-up rounds%n",
                CALLS, chars / 1e6, ROUNDS);
        report("classify (all)", chars, oldNs, newNs);

        ReferenceSensitiveDataScanner oldScanner = new ReferenceSensitiveDataScanner();
        SensitiveDataScanner newScanner = new SensitiveDataScanner();
        component("SensitiveDataScanner.scan", texts, chars, t -> oldScanner.scan(t), t -> newScanner.scan(t));
        ReferencePromptAttackDetector oldAttacks = ReferencePromptAttackDetector.bundled();
        PromptAttackDetector newAttacks = PromptAttackDetector.bundled();
        component("PromptAttackDetector.score (request texts)", requestTexts, requestChars,
                t -> oldAttacks.score(t), t -> newAttacks.score(t));
        component("SystemPromptLeakDetector.overlap(t, t)", texts, chars,
                t -> ReferenceSystemPromptLeakDetector.overlap(t, t), t -> SystemPromptLeakDetector.overlap(t, t));
    }

    private static void component(String name, List<String> texts, long chars, Consumer<String> oldF, Consumer<String> newF) {
        Runnable oldRun = () -> texts.forEach(oldF);
        Runnable newRun = () -> texts.forEach(newF);
        oldRun.run();
        newRun.run();
        long oldNs = 0, newNs = 0;
        for (int round = 0; round < ROUNDS; round++) {
            oldNs += time(oldRun);
            newNs += time(newRun);
        }
        report(name, chars, oldNs, newNs);
    }

    private static long time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }

    private static void report(String name, long chars, long oldNs, long newNs) {
        System.out.printf("  %-44s old %8.1f ms/round (%6.1f MB/s)   new %8.1f ms/round (%6.1f MB/s)   old/new %.2fx%n",
                name, oldNs / 1e6 / ROUNDS, chars * ROUNDS / 1e6 / (oldNs / 1e9),
                newNs / 1e6 / ROUNDS, chars * ROUNDS / 1e6 / (newNs / 1e9), oldNs / (double) newNs);
    }
}
