package com.llmlogprocessor.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmlogprocessor.conversation.ChatText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of every text flag type on the labelled corpus
 * ({@code classify/corpus.jsonl}: one {text, labels, tricky?, role?} per line, labels listing every
 * type present). Each type has at least 8 positives and 8 tricky negatives aimed at it.
 */
class ClassifierCorpusTest {

    static final List<String> PII_SECRET = List.of("pii.email", "pii.phone", "pii.credit_card", "pii.iban", "pii.ssn",
            "pii.ip_address", "secret.api_key", "secret.jwt", "secret.private_key", "secret.connection_string");
    static final List<String> ATTACKS = List.of("security.prompt_injection", "security.jailbreak");

    record Sample(int line, String text, String role, Set<String> labels, String tricky) {
    }

    record Score(int tp, int fp, int fn, List<Integer> wrong) {
        double precision() {
            return tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
        }
    }

    static List<Sample> corpus;
    static Map<String, Score> scores;

    @BeforeAll
    static void evaluate() throws IOException {
        corpus = load();
        ContentClassifier classifier = new ContentClassifier(ClassifierConfig.defaults());
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, List<Integer>> wrong = new LinkedHashMap<>();
        List<String> types = new ArrayList<>(PII_SECRET);
        types.addAll(ATTACKS);
        types.forEach(t -> {
            counts.put(t, new int[3]);
            wrong.put(t, new ArrayList<>());
        });
        for (Sample s : corpus) {
            Set<String> predicted = classifier.classify(List.of(new ChatText(s.role(), s.text())), List.of()).stream()
                    .map(Flag::name).collect(Collectors.toCollection(TreeSet::new));
            for (String t : types) {
                boolean want = s.labels().contains(t), got = predicted.contains(t);
                int[] c = counts.get(t);
                if (want && got) {
                    c[0]++;
                } else if (got) {
                    c[1]++;
                    wrong.get(t).add(s.line());
                } else if (want) {
                    c[2]++;
                    wrong.get(t).add(s.line());
                }
            }
        }
        scores = new LinkedHashMap<>();
        counts.forEach((t, c) -> scores.put(t, new Score(c[0], c[1], c[2], wrong.get(t))));
        StringBuilder table = new StringBuilder(String.format("%n%-28s %4s %4s %4s %9s %7s  %s%n",
                "type", "tp", "fp", "fn", "precision", "recall", "lines wrong"));
        scores.forEach((t, s) -> table.append(String.format("%-28s %4d %4d %4d %9.3f %7.3f  %s%n",
                t, s.tp(), s.fp(), s.fn(), s.precision(), s.recall(), s.wrong())));
        System.out.println("Classifier corpus (" + corpus.size() + " samples, classifier " + ContentClassifier.VERSION + ")" + table);
    }

    @Test
    void givenCorpus_thenEveryTypeHasEnoughPositivesAndTrickyNegatives() {
        for (String t : scores.keySet()) {
            long positives = corpus.stream().filter(s -> s.labels().contains(t)).count();
            long tricky = corpus.stream().filter(s -> t.equals(s.tricky()) && !s.labels().contains(t)).count();
            assertThat(positives).as("positives of " + t).isGreaterThanOrEqualTo(8);
            assertThat(tricky).as("tricky negatives of " + t).isGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void givenCorpus_thenPiiAndSecretsReachPrecision90AndRecall80() {
        for (String t : PII_SECRET) {
            Score s = scores.get(t);
            assertThat(s.precision()).as("precision of " + t + ", wrong lines " + s.wrong()).isGreaterThanOrEqualTo(0.9);
            assertThat(s.recall()).as("recall of " + t + ", wrong lines " + s.wrong()).isGreaterThanOrEqualTo(0.8);
        }
    }

    @Test
    void givenCorpus_thenInjectionAndJailbreakReachPrecision80() {
        for (String t : ATTACKS) {
            Score s = scores.get(t);
            assertThat(s.precision()).as("precision of " + t + ", wrong lines " + s.wrong()).isGreaterThanOrEqualTo(0.8);
            assertThat(s.recall()).as("recall of " + t + ", wrong lines " + s.wrong()).isGreaterThanOrEqualTo(0.7);
        }
    }

    private static List<Sample> load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Sample> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ClassifierCorpusTest.class.getResourceAsStream("/classify/corpus.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                Set<String> labels = new TreeSet<>();
                node.path("labels").forEach(l -> labels.add(l.asText()));
                out.add(new Sample(n, node.path("text").asText(), node.path("role").asText("user"), labels,
                        node.path("tricky").asText(null)));
            }
        }
        return out;
    }
}
