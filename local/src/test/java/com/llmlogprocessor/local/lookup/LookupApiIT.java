package com.llmlogprocessor.local.lookup;

import static com.llmlogprocessor.local.lookup.LookupSupport.allDocuments;
import static com.llmlogprocessor.local.lookup.LookupSupport.enc;
import static com.llmlogprocessor.local.lookup.LookupSupport.get;
import static com.llmlogprocessor.local.lookup.LookupSupport.pageIds;

import com.llmlogprocessor.local.lookup.LookupSupport.Answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.conversation.Times;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.local.LocalApp;
import com.llmlogprocessor.local.emulator.Emulators;
import com.llmlogprocessor.testdata.MutableClock;
import com.llmlogprocessor.traffic.Delivery;
import com.llmlogprocessor.traffic.GeneratedCall;
import com.llmlogprocessor.traffic.Mix;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lookup API through the real function classes, against the emulators, on traffic ingested
 * through the real pipeline (three generators: three different days) plus crafted documents.
 */
class LookupApiIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
    private static final List<String> BODIES = new ArrayList<>();
    private static final Map<String, GeneratedCall> CALLS = new HashMap<>();
    private static List<ObjectNode> docs;

    @BeforeAll
    static void ingest() {
        LocalApp.start(Emulators.shared(), Map.of(Settings.COSMOS_DATABASE, "lookup-api-" + UUID.randomUUID(),
                // small inline limit: larger contents go to Blob, so hydration is exercised
                Settings.CONTENT_INLINE_MAX_BYTES, "1024"), CLOCK);
        for (long seed : new long[] {11, 12, 13}) {
            TrafficGenerator gen = new TrafficGenerator(seed);
            List<GeneratedCall> calls = gen.mix(40, Mix.REALISTIC);
            calls.forEach(c -> CALLS.put(c.correlationId(), c));
            BODIES.addAll(gen.bodies(calls, Delivery.inOrder()));
        }
        LookupSupport.ingest(BODIES, "0", 0, 25);
        craftQuestions();
        docs = allDocuments();
        assertThat(docs).hasSizeGreaterThan(100);
        assertThat(docs.stream().map(d -> d.path("day").asText()).distinct().count()).isGreaterThanOrEqualTo(4);
    }

    // ------------------------------------------------------------------ one conversation

    @Test
    void givenArchivedResponse_thenMessagesAreHydratedFromBlobAndSystemFieldsStripped() {
        ObjectNode archived = docs.stream().filter(d -> d.at("/response/archived").asBoolean(false)).findFirst().orElseThrow();
        String id = archived.path("id").asText();
        assertThat(archived.at("/response/messages").isMissingNode()).isTrue();

        JsonNode doc = get("/api/conversations/" + enc(id)).expect(200).body();
        assertThat(doc.path("id").asText()).isEqualTo(id);
        assertThat(doc.at("/response/messages").isArray()).isTrue();
        JsonNode truth = CALLS.get(id).responseMessages(); // one message object, or an array of them
        assertThat(doc.at("/response/messages")).isEqualTo(truth.isArray() ? truth : Json.MAPPER.createArrayNode().add(truth));
        assertThat(doc.at("/response/preview").isMissingNode()).isTrue();
        for (String f : List.of("_rid", "_self", "_etag", "_attachments", "_ts")) {
            assertThat(doc.has(f)).as(f).isFalse();
        }
    }

    @Test
    void givenContentFalse_thenNoTextAnywhere() {
        ObjectNode withText = docs.stream().filter(d -> d.at("/request/messages").isArray()).findFirst().orElseThrow();
        ObjectNode archived = docs.stream().filter(d -> d.at("/response/archived").asBoolean(false)).findFirst().orElseThrow();
        for (ObjectNode d : List.of(withText, archived)) {
            JsonNode doc = get("/api/conversations/" + enc(d.path("id").asText()) + "?content=false").expect(200).body();
            for (String p : List.of("/request/messages", "/response/messages", "/request/preview", "/response/preview",
                    "/question/text")) {
                assertThat(doc.at(p).isMissingNode()).as(p).isTrue();
            }
            assertThat(doc.path("tokens").isObject()).isTrue();
        }
    }

    @Test
    void givenUnknownOrInvalidId_then404Or400() {
        assertThat(get("/api/conversations/no-such-id").expect(404).body().path("error").asText()).contains("no-such-id");
        assertThat(get("/api/conversations/" + "x".repeat(300)).expect(400).body().path("error").asText())
                .contains("correlationId");
        get("/api/conversations/" + enc(docs.get(0).path("id").asText()) + "?content=maybe").expect(400);
        get("/api/conversations/" + enc(docs.get(0).path("id").asText()) + "?contents=false").expect(400);
    }

    // ------------------------------------------------------------------ list

    @Test
    void givenSmallPages_thenEveryDocumentOnceNewestFirstAcrossManyPages() {
        List<Integer> sizes = new ArrayList<>();
        List<String> ids = pageIds("", 17, sizes);
        assertThat(sizes.size()).isGreaterThanOrEqualTo(3);
        assertThat(sizes.subList(0, sizes.size() - 1)).containsOnly(17);
        assertThat(ids).containsExactlyElementsOf(expected(d -> true));
    }

    @Test
    void givenEachFilter_thenExactlyTheMatchingDocumentsPaged() {
        ObjectNode sample = docs.stream().filter(d -> d.at("/caller/subscriptionId").isTextual() && d.path("deployment").isTextual())
                .findFirst().orElseThrow();
        String sub = sample.at("/caller/subscriptionId").asText();
        String model = sample.path("model").asText();
        String deployment = sample.path("deployment").asText();
        assertThat(pageIds("subscriptionId=" + enc(sub), 5, null))
                .containsExactlyElementsOf(expected(d -> sub.equals(d.at("/caller/subscriptionId").asText(null))));
        assertThat(pageIds("model=" + enc(model), 5, null))
                .containsExactlyElementsOf(expected(d -> model.equals(d.path("model").asText(null))));
        assertThat(pageIds("deployment=" + enc(deployment), 5, null))
                .containsExactlyElementsOf(expected(d -> deployment.equals(d.path("deployment").asText(null))));
        for (String status : List.of("complete", "partial", "no_response")) {
            assertThat(pageIds("status=" + status, 10, null))
                    .containsExactlyElementsOf(expected(d -> status.equals(d.path("status").asText())));
        }
        List<ObjectNode> flagged = docs.stream().filter(d -> d.path("flags").size() > 0).toList();
        assertThat(flagged).isNotEmpty();
        JsonNode flag = flagged.get(0).path("flags").get(0);
        String category = flag.path("category").asText();
        String type = flag.path("type").asText();
        assertThat(pageIds("flag=" + category, 10, null)).isNotEmpty()
                .containsExactlyElementsOf(expected(d -> hasFlag(d, category, null)));
        assertThat(pageIds("flag=" + enc(category + "." + type), 10, null)).isNotEmpty()
                .containsExactlyElementsOf(expected(d -> hasFlag(d, category, type)));

        // a time window in the middle, plus a combination of filters
        List<String> times = docs.stream().map(d -> d.path("timestamp").asText()).sorted().toList();
        String from = times.get(times.size() / 4);
        String to = times.get(times.size() * 3 / 4);
        assertThat(pageIds("from=" + enc(from) + "&to=" + enc(to), 9, null)).containsExactlyElementsOf(
                expected(d -> d.path("timestamp").asText().compareTo(from) >= 0 && d.path("timestamp").asText().compareTo(to) < 0));
        assertThat(pageIds("from=" + enc(from) + "&model=" + enc(model) + "&status=complete", 3, null)).containsExactlyElementsOf(
                expected(d -> d.path("timestamp").asText().compareTo(from) >= 0 && model.equals(d.path("model").asText(null))
                        && d.path("status").asText().equals("complete")));
    }

    @Test
    void givenSummaries_thenOnlySummaryFields() {
        JsonNode item = get("/api/conversations?limit=1").expect(200).body().path("items").get(0);
        List<String> names = new ArrayList<>();
        item.fieldNames().forEachRemaining(names::add);
        assertThat(names).isSubsetOf("id", "timestamp", "status", "model", "deployment", "caller", "tokens", "cost", "flags",
                "question").contains("id", "timestamp", "status", "flags");
        assertThat(item.has("request")).isFalse();
    }

    @Test
    void givenBadParameters_then400NamingTheParameter() {
        Map<String, String> cases = new TreeMap<>(Map.ofEntries(
                Map.entry("/api/conversations?from=yesterday", "from"),
                Map.entry("/api/conversations?to=2026-02-30", "to"),
                Map.entry("/api/conversations?from=2026-02-02&to=2026-02-01", "to"),
                Map.entry("/api/conversations?limit=0", "limit"),
                Map.entry("/api/conversations?limit=101", "limit"),
                Map.entry("/api/conversations?limit=ten", "limit"),
                Map.entry("/api/conversations?status=done", "status"),
                Map.entry("/api/conversations?flag=pii.password", "flag"),
                Map.entry("/api/conversations?flag=gossip", "flag"),
                Map.entry("/api/conversations?continuationToken=garbage!", "continuationToken"),
                Map.entry("/api/conversations?continuationToken=" + enc("eyJ0IjoxfQ"), "continuationToken"),
                Map.entry("/api/conversations?modle=gpt-4o", "modle"),
                Map.entry("/api/usage", "groupBy"),
                Map.entry("/api/usage?groupBy=tenant", "groupBy"),
                Map.entry("/api/usage?groupBy=model&from=x", "from"),
                Map.entry("/api/questions/top?limit=1000", "limit"),
                Map.entry("/api/questions/top?to=soon", "to")));
        cases.forEach((url, param) -> assertThat(get(url).expect(400).body().path("error").asText())
                .as(url).contains("'" + param + "'"));
    }

    /**
     * Hostile values in every parameter: 400, or 200 with nothing in it; never other data.
     */
    @Test
    void givenInjectionAttempts_thenBadRequestOrNothing() {
        List<String> hostile = List.of("' OR 1=1 --", "\") OR true", "c.id", "x\" OR c.id != \"", "1 OR 1=1",
                "%00", "\u0000", "a".repeat(5000), "\u202E\uD83D\uDE00'; DROP", "*", "IS_DEFINED(c.id)", "@from", "pii' OR 'a'='a");
        for (String v : hostile) {
            String e = enc(v);
            for (String p : List.of("subscriptionId", "model", "deployment")) {
                Answer a = get("/api/conversations?" + p + "=" + e);
                assertThat(a.status()).as(p + "=" + v).isIn(200, 400);
                if (a.status() == 200) {
                    assertThat(a.body().path("items")).as(p + "=" + v).isEmpty();
                }
            }
            for (String p : List.of("from", "to", "flag", "status", "limit", "continuationToken")) {
                assertThat(get("/api/conversations?" + p + "=" + e).status()).as(p + "=" + v).isEqualTo(400);
            }
            for (String p : List.of("from", "to", "groupBy")) {
                String base = p.equals("groupBy") ? "/api/usage?" : "/api/usage?groupBy=model&";
                assertThat(get(base + p + "=" + e).status()).as("usage " + p + "=" + v).isEqualTo(400);
            }
            for (String p : List.of("from", "to", "limit")) {
                assertThat(get("/api/questions/top?" + p + "=" + e).status()).as("questions " + p + "=" + v).isEqualTo(400);
            }
            Answer one = get("/api/conversations/" + e);
            assertThat(one.status()).as("id " + v).isIn(400, 404);
            assertThat(get("/api/conversations/" + e + "?content=" + e).status()).isIn(400, 404);
            assertThat(get("/api/conversations?" + e + "=1").status()).as("name " + v).isEqualTo(400);
        }
    }

    // ------------------------------------------------------------------ usage

    @Test
    void givenEveryGroupBy_thenRowsEqualTheDocumentsSums() {
        for (String g : List.of("subscription", "model", "deployment", "day", "product", "user")) {
            assertThat(get("/api/usage?groupBy=" + g).expect(200).body().path("rows"))
                    .as(g).hasToString(expectedUsage(g, d -> true).toString());
        }
    }

    @Test
    void givenPartialEdgeDays_thenOnlyDocumentsInRangeCount() {
        List<String> times = docs.stream().map(d -> d.path("timestamp").asText()).sorted().toList();
        String from = times.get(times.size() / 5);
        String to = times.get(times.size() - 3);
        Predicate<ObjectNode> in = d -> d.path("timestamp").asText().compareTo(from) >= 0 && d.path("timestamp").asText().compareTo(to) < 0;
        for (String g : List.of("model", "day", "subscription")) {
            assertThat(get("/api/usage?groupBy=" + g + "&from=" + enc(from) + "&to=" + enc(to)).expect(200).body().path("rows"))
                    .as(g).hasToString(expectedUsage(g, in).toString());
        }
        // whole days by date
        String day = times.get(times.size() / 2).substring(0, 10);
        assertThat(get("/api/usage?groupBy=model&from=" + day + "&to=" + day).expect(200).body().path("rows"))
                .hasToString(expectedUsage("model", d -> d.path("day").asText().equals(day)).toString());
    }

    @Test
    void givenTheSameTrafficIngestedAgain_thenUsageIsUnchanged() {
        Map<String, JsonNode> before = new HashMap<>();
        for (String g : List.of("subscription", "model", "day", "user")) {
            before.put(g, get("/api/usage?groupBy=" + g).expect(200).body().path("rows"));
        }
        CLOCK.advance(Duration.ofMinutes(5));
        LookupSupport.ingest(BODIES, "0", 0, 25); // a redelivery of everything
        CLOCK.advance(Duration.ofMinutes(5)); // markers settle and get removed after recompute
        for (String g : before.keySet()) {
            assertThat(get("/api/usage?groupBy=" + g).expect(200).body().path("rows")).as(g).isEqualTo(before.get(g));
        }
        // and once more from clean rollups (markers gone)
        for (String g : before.keySet()) {
            assertThat(get("/api/usage?groupBy=" + g).expect(200).body().path("rows")).as(g).isEqualTo(before.get(g));
        }
        assertThat(before.get("day").size()).isGreaterThanOrEqualTo(3);
        JsonNode crafted = get("/api/usage?groupBy=model&from=2030-03-01&to=2030-03-02").expect(200).body().at("/rows/0");
        assertThat(crafted.path("key").asText()).isEqualTo("crafted-model");
        assertThat(crafted.path("cost").decimalValue()).isEqualByComparingTo("1.4"); // 14 x 0.1, exactly
        assertThat(crafted.path("totalTokens").asLong()).isEqualTo(14 * 15);
    }

    // ------------------------------------------------------------------ questions, health, openapi

    /** Documents with question fields set directly (the fingerprinting lands separately), days marked dirty. */
    private static void craftQuestions() {
        long base = 0x0F0F_1234_5678_9ABCL;
        craft("q-a", "2030-03-01T10:00:00Z", "How do I reset my password?", "fp-a", base, 5);
        craft("q-a2", "2030-03-01T11:00:00Z", "how do i reset my password", "fp-a", base, 2);
        craft("q-c", "2030-03-01T12:00:00Z", "How can I reset my password?", "fp-c", base ^ 0b101, 2); // 2 bits away
        craft("q-d", "2030-03-02T10:00:00Z", "What is our refund policy?", "fp-d", ~base, 4);
        craft("q-e", "2030-03-02T11:00:00Z", "Translate this", "fp-e", base ^ 0xF000_0000_0000_000FL, 1); // 8 bits away
        AppContext.get().lookups().usage().markDirty(Set.of("2030-03-01", "2030-03-02"));
    }

    @Test
    void givenQuestionsWithFingerprints_thenGroupsByCountNearDuplicatesMerged() {
        JsonNode items = get("/api/questions/top?from=2030-03-01&to=2030-03-02&limit=10").expect(200).body().path("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).path("count").asInt()).isEqualTo(9);
        assertThat(items.get(0).path("fingerprint").asText()).isEqualTo("fp-a");
        assertThat(items.get(0).path("question").asText()).isEqualTo("How do I reset my password?");
        assertThat(items.get(0).path("examples")).hasSize(5);
        assertThat(items.get(0).path("examples").get(0).asText()).startsWith("q-c"); // newest first
        assertThat(items.get(1).path("count").asInt()).isEqualTo(4);
        assertThat(items.get(2).path("count").asInt()).isEqualTo(1);

        assertThat(get("/api/questions/top?from=2030-03-01&to=2030-03-02&limit=1").expect(200).body().path("items")).hasSize(1);
        assertThat(get("/api/questions/top?from=2030-03-02T00:00:00Z&to=2030-03-02T10:30:00Z").expect(200).body()
                .path("items").get(0).path("fingerprint").asText()).isEqualTo("fp-d");
    }

    @Test
    void givenIngestedTraffic_thenHealthCountsIt() {
        JsonNode h = get("/api/health").expect(200).body();
        assertThat(h.path("status").asText()).isEqualTo("ok");
        long complete = allDocuments().stream().filter(d -> d.path("status").asText().equals("complete")).count();
        assertThat(h.at("/conversations/complete").asLong()).isEqualTo(complete);
        assertThat(h.at("/ingest/bodies").asLong()).isGreaterThanOrEqualTo(BODIES.size());
        assertThat(h.at("/ingest/lastIngestAt").asText()).startsWith("2027-01-01T");
    }

    @Test
    void givenOpenApiRoute_thenTheDocument() {
        assertThat(get("/api/openapi.json").expect(200).body().path("paths").has("/usage")).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    private static void craft(String idPrefix, String time, String text, String fp, long simhash, int n) {
        for (int i = 0; i < n; i++) {
            ObjectNode d = Json.MAPPER.createObjectNode();
            String id = idPrefix + "-" + i;
            String ts = Times.format(Instant.parse(time).plusSeconds(i));
            d.put("id", id).put("correlationId", id).put("status", "complete").put("timestamp", ts).put("day", ts.substring(0, 10));
            d.put("model", "crafted-model");
            // 0.1 has no exact double: the sums must still come out exact (BigDecimal from the decimal text)
            d.putObject("cost").put("amount", new BigDecimal("0.1")).put("currency", "USD").put("priceVersion", "test");
            d.putObject("tokens").put("prompt", 10).put("completion", 5).put("total", 15).put("cachedPrompt", 2)
                    .put("source", "gateway");
            d.putObject("question").put("text", text).put("fingerprint", fp).put("simhash", simhash);
            LookupSupport.conversations().upsertItem(d, new PartitionKey(id), new CosmosItemRequestOptions());
        }
    }

    private static boolean hasFlag(JsonNode d, String category, String type) {
        for (JsonNode f : d.path("flags")) {
            if (f.path("category").asText().equals(category) && (type == null || f.path("type").asText().equals(type))) {
                return true;
            }
        }
        return false;
    }

    /** Ids of matching generated documents, newest first by (timestamp, id). */
    private static List<String> expected(Predicate<ObjectNode> p) {
        return docs.stream().filter(p)
                .sorted(Comparator.comparing((ObjectNode d) -> d.path("timestamp").asText())
                        .thenComparing(d -> d.path("id").asText()).reversed())
                .map(d -> d.path("id").asText()).toList();
    }

    private static JsonNode expectedUsage(String groupBy, Predicate<ObjectNode> p) {
        Function<ObjectNode, String> key = switch (groupBy) {
            case "subscription" -> d -> d.at("/caller/subscriptionId").asText(null);
            case "product" -> d -> d.at("/caller/productId").asText(null);
            case "user" -> d -> d.at("/caller/userId").asText(null);
            case "day" -> d -> d.path("day").asText(null);
            default -> d -> d.path(groupBy).asText(null);
        };
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, BigDecimal> cost = new TreeMap<>();
        for (ObjectNode d : docs) {
            if (!p.test(d)) {
                continue;
            }
            String k = key.apply(d);
            k = k == null || k.isEmpty() ? "(unknown)" : k;
            long[] s = sums.computeIfAbsent(k, x -> new long[5]);
            s[0]++;
            s[1] += d.at("/tokens/prompt").asLong();
            s[2] += d.at("/tokens/completion").asLong();
            s[3] += d.at("/tokens/cachedPrompt").asLong();
            s[4] += d.at("/tokens/total").asLong();
            JsonNode amount = d.at("/cost/amount");
            cost.merge(k, amount.isMissingNode() ? BigDecimal.ZERO : new BigDecimal(amount.asText()), BigDecimal::add);
        }
        var rows = Json.MAPPER.createArrayNode();
        sums.forEach((k, s) -> {
            ObjectNode r = rows.addObject();
            r.put("key", k).put("requests", s[0]).put("promptTokens", s[1]).put("completionTokens", s[2])
                    .put("cachedPromptTokens", s[3]).put("totalTokens", s[4]);
            BigDecimal c = cost.get(k);
            r.put("cost", c.signum() == 0 ? BigDecimal.ZERO : c.stripTrailingZeros());
        });
        return rows;
    }
}
