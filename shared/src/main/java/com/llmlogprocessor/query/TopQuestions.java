package com.llmlogprocessor.query;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most asked questions in a time range: documents grouped by {@code question.fingerprint}
 * (the normalised question's exact key), then groups whose {@code question.simhash} differ in at
 * most {@value #MAX_SIMHASH_DISTANCE} bits merged into the larger one. The representative text is
 * the group's most frequent text. The scan projects four small fields and stops after
 * {@value #MAX_SCAN} documents (then {@code truncated} is true): narrow the range for exact counts.
 */
public final class TopQuestions {
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;
    static final int MAX_SIMHASH_DISTANCE = 3;
    static final int MAX_SCAN = 100_000;
    static final int EXAMPLES = 5;

    private final CosmosContainer conversations;

    public TopQuestions(CosmosContainer conversations) {
        this.conversations = conversations;
    }

    public record Result(List<ObjectNode> items, boolean truncated, int scanned) {
    }

    public Result top(TimeRange range, int limit, boolean withText) {
        StringBuilder sql = new StringBuilder("SELECT c.id, c.timestamp, c.question.fingerprint AS fingerprint,"
                + " c.question.simhash AS simhash, c.question.text AS text FROM c WHERE IS_DEFINED(c.question.fingerprint)");
        List<SqlParameter> params = new ArrayList<>();
        range.appendConditions(sql, params);
        Map<String, Group> byFingerprint = new LinkedHashMap<>();
        int scanned = 0;
        boolean truncated = false;
        for (ObjectNode d : conversations.queryItems(new SqlQuerySpec(sql.toString(), params),
                new CosmosQueryRequestOptions(), ObjectNode.class)) {
            if (scanned == MAX_SCAN) {
                truncated = true;
                break;
            }
            scanned++;
            String fp = d.path("fingerprint").asText(null);
            if (fp == null || fp.isEmpty()) {
                continue;
            }
            Group g = byFingerprint.computeIfAbsent(fp, Group::new);
            g.add(d);
        }
        List<Group> groups = new ArrayList<>(byFingerprint.values());
        groups.sort(Group.ORDER);
        List<Group> merged = mergeNearDuplicates(groups);
        merged.sort(Group.ORDER);
        List<ObjectNode> items = new ArrayList<>();
        for (Group g : merged.subList(0, Math.min(limit, merged.size()))) {
            items.add(g.toJson(withText));
        }
        return new Result(items, truncated, scanned);
    }

    /**
     * Greedy, largest first: a group joins the first kept group within the distance. Candidates
     * come from four 16-bit bands (two hashes within 3 bits agree on at least one band), so this
     * stays near-linear in the number of groups.
     */
    static List<Group> mergeNearDuplicates(List<Group> sortedLargestFirst) {
        List<Group> kept = new ArrayList<>();
        List<Map<Integer, List<Group>>> bands = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
        for (Group g : sortedLargestFirst) {
            Group into = null;
            if (g.simhash != null) {
                for (int b = 0; b < 4 && into == null; b++) {
                    for (Group k : bands.get(b).getOrDefault(band(g.simhash, b), List.of())) {
                        if (Long.bitCount(k.simhash ^ g.simhash) <= MAX_SIMHASH_DISTANCE) {
                            into = k;
                            break;
                        }
                    }
                }
            }
            if (into != null) {
                into.absorb(g);
                continue;
            }
            kept.add(g);
            if (g.simhash != null) {
                for (int b = 0; b < 4; b++) {
                    bands.get(b).computeIfAbsent(band(g.simhash, b), x -> new ArrayList<>()).add(g);
                }
            }
        }
        return kept;
    }

    private static int band(long hash, int b) {
        return (int) ((hash >>> (16 * b)) & 0xFFFF);
    }

    static final class Group {
        static final Comparator<Group> ORDER = Comparator.comparingInt((Group g) -> g.count).reversed()
                .thenComparing(g -> g.fingerprint);

        final String fingerprint;
        Long simhash;
        int count;
        final Map<String, Integer> texts = new HashMap<>();
        /** (timestamp, id), newest kept. */
        final List<String[]> examples = new ArrayList<>();

        Group(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        void add(JsonNode d) {
            count++;
            if (simhash == null && d.path("simhash").canConvertToLong()) {
                simhash = d.path("simhash").asLong();
            }
            String text = d.path("text").asText(null);
            if (text != null) {
                texts.merge(text, 1, Integer::sum);
            }
            examples.add(new String[] {d.path("timestamp").asText(""), d.path("id").asText()});
            trimExamples();
        }

        void absorb(Group o) {
            count += o.count;
            o.texts.forEach((t, n) -> texts.merge(t, n, Integer::sum));
            examples.addAll(o.examples);
            trimExamples();
        }

        private void trimExamples() {
            if (examples.size() > EXAMPLES * 4) {
                sortExamples();
                examples.subList(EXAMPLES, examples.size()).clear();
            }
        }

        private void sortExamples() {
            examples.sort(Comparator.comparing((String[] e) -> e[0]).thenComparing(e -> e[1]).reversed());
        }

        String representative() {
            return texts.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(null);
        }

        ObjectNode toJson(boolean withText) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            if (withText) {
                o.put("question", representative());
            }
            o.put("count", count);
            o.put("fingerprint", fingerprint);
            sortExamples();
            ArrayNode ex = o.putArray("examples");
            examples.stream().limit(EXAMPLES).forEach(e -> ex.add(e[1]));
            return o;
        }
    }
}
