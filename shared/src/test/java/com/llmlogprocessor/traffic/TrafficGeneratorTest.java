package com.llmlogprocessor.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrafficGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ------------------------------------------------------------------ determinism

    @Test
    void givenSameSeed_thenBodiesAreByteIdentical() {
        assertThat(everything(42)).isEqualTo(everything(42));
        assertThat(everything(43)).isNotEqualTo(everything(42));
    }

    private static List<String> everything(long seed) {
        TrafficGenerator gen = new TrafficGenerator(seed);
        List<GeneratedCall> calls = new ArrayList<>(gen.mix(60, Mix.REALISTIC));
        calls.addAll(gen.mix(12, Mix.EDGE));
        calls.add(gen.call(CallSpec.builder().size(Size.MEDIUM).nonAscii(true).emoji(true).build()));
        List<String> out = new ArrayList<>(gen.bodies(calls, Delivery.chaotic()));
        out.addAll(gen.bodies(calls, Delivery.inOrder().withEnvelope(Envelope.JSON_LINES)));
        return out;
    }

    // ------------------------------------------------------------------ fidelity

    @Test
    void givenRealisticAndEdgeMixes_thenJoinedFragmentsAreTheLoggedJsonAndParseToTheOriginal() throws Exception {
        TrafficGenerator gen = new TrafficGenerator(7);
        List<GeneratedCall> calls = new ArrayList<>(gen.mix(200, Mix.REALISTIC));
        calls.addAll(gen.mix(40, Mix.EDGE));

        for (GeneratedCall call : calls) {
            if (call.isProbe()) {
                assertThat(call.requestFragments()).isEmpty();
                continue;
            }
            assertThat(String.join("", call.requestFragments())).isEqualTo(call.requestMessagesJson());
            assertThat(JSON.readTree(call.requestMessagesJson())).isEqualTo(call.requestMessages());
            assertThat(call.requestMessagesJson().chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
            if (call.hasResponse()) {
                assertThat(String.join("", call.responseFragments())).isEqualTo(call.responseMessagesJson());
                assertThat(JSON.readTree(call.responseMessagesJson())).isEqualTo(call.responseMessages());
            } else {
                assertThat(call.responseFragments()).isEmpty();
            }
            assertThat(call.requestFragments()).allSatisfy(f -> assertThat(f).isNotEmpty());
            assertThat(call.responseFragments()).allSatisfy(f -> assertThat(f).isNotEmpty());
        }
    }

    @Test
    void givenNonBmpAndCjkText_thenItComesBackCharacterForCharacter() throws Exception {
        String text = "日本語のテキスト 😀 𠮷野家 👨‍👩‍👧 café \"quoted\" C:\\temp\n\ttab";
        GeneratedCall call = new TrafficGenerator(1).call(CallSpec.builder().size(Size.TINY).piiText(text)
                .chunkChars(5, 9).build());

        JsonNode parsed = JSON.readTree(String.join("", call.requestFragments()));

        String lastUser = parsed.get(parsed.size() - 1).get("content").textValue();
        assertThat(lastUser).contains(text);
        assertThat(call.requestMessagesJson()).contains("\\uD83D\\uDE00").contains("\\u65E5\\u672C\\u8A9E")
                .doesNotContain("日").doesNotContain("😀");
    }

    @Test
    void givenCjkHeavyText_thenTheWireFormIsAboutSixTimesLonger() {
        String cjk = "数据分析".repeat(50);
        GeneratedCall call = new TrafficGenerator(1).call(CallSpec.builder().size(Size.TINY).piiText(cjk).build());

        assertThat(call.requestMessagesJson().length()).isGreaterThanOrEqualTo(6 * cjk.length());
    }

    // ------------------------------------------------------------------ layout

    @Test
    void givenTinyCall_thenThreeRecordsMetadataRequestResponse() {
        GeneratedCall call = new TrafficGenerator(3).call(CallSpec.builder().size(Size.TINY).build());

        assertThat(call.llmRecords()).hasSize(3);
        JsonNode meta = call.llmRecords().get(0);
        assertThat(meta.get("category").asText()).isEqualTo("GatewayLlmLogs");
        assertThat(meta.get("operationName").asText()).isEqualTo("Microsoft.ApiManagement/GatewayLlmLogs");
        assertThat(meta.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(meta.get("resourceId").asText())
                .startsWith("/SUBSCRIPTIONS/").contains("/PROVIDERS/MICROSOFT.APIMANAGEMENT/SERVICE/")
                .isUpperCase();
        assertThat(meta.has("Region")).isTrue();
        assertThat(meta.has("Sku")).isTrue();
        assertThat(meta.has("serviceName")).isTrue();
        JsonNode p = meta.get("properties");
        assertThat(p.get("sequenceNumber").asInt()).isZero();
        assertThat(p.get("modelName").asText()).isEqualTo(call.model()).matches(".*-\\d{4}-\\d\\d-\\d\\d");
        assertThat(p.get("requestId").asText()).startsWith("chatcmpl-");
        assertThat(p.get("totalTokens").asLong()).isEqualTo(call.totalTokens()).isPositive();
        assertThat(p.has("requestMessages") || p.has("responseMessages")).isFalse();
        assertThat(call.llmRecords().get(1).get("properties").fieldNames()).toIterable()
                .containsExactly("sequenceNumber", "requestMessages");
        assertThat(call.llmRecords().get(2).get("properties").fieldNames()).toIterable()
                .containsExactly("sequenceNumber", "responseMessages");
        assertThat(call.time()).isEqualTo(Instant.parse(meta.get("time").asText()));
    }

    @Test
    void givenAnyCall_thenSequenceNumbersAreContiguousAndRequestPrecedesResponse() {
        for (GeneratedCall call : new TrafficGenerator(11).mix(100, Mix.REALISTIC)) {
            boolean seenResponse = false;
            for (int i = 0; i < call.llmRecords().size(); i++) {
                JsonNode p = call.llmRecords().get(i).get("properties");
                assertThat(p.get("sequenceNumber").asInt()).isEqualTo(i);
                assertThat(p.has("deploymentName")).isEqualTo(i == 0);
                if (p.has("responseMessages")) {
                    seenResponse = true;
                }
                if (p.has("requestMessages")) {
                    assertThat(seenResponse).isFalse();
                }
            }
        }
    }

    @Test
    void givenProbe_thenOnlySeqZeroWithZerosAndEmptyIds() {
        GeneratedCall call = new TrafficGenerator(5).call(CallSpec.builder().probe().build());

        assertThat(call.llmRecords()).hasSize(1);
        JsonNode p = call.llmRecords().get(0).get("properties");
        assertThat(p.get("modelName").asText()).isEmpty();
        assertThat(p.get("requestId").asText()).isEmpty();
        assertThat(p.get("promptTokens").asLong()).isZero();
        assertThat(p.get("completionTokens").asLong()).isZero();
        assertThat(p.get("totalTokens").asLong()).isZero();
        assertThat(p.get("promptCachedTokens").asLong()).isZero();
        assertThat(call.requestMessagesJson()).isNull();
        assertThat(call.responseMessagesJson()).isNull();
    }

    @Test
    void givenBackend429_thenSeqZeroWithZeroTokensAndRequestOnly() {
        GeneratedCall call = new TrafficGenerator(5).call(CallSpec.builder().noResponse().size(Size.MEDIUM).build());

        JsonNode p = call.llmRecords().get(0).get("properties");
        assertThat(p.get("totalTokens").asLong()).isZero();
        assertThat(call.requestFragments()).isNotEmpty();
        assertThat(call.responseFragments()).isEmpty();
        assertThat(call.caller().responseCode()).isEqualTo(429);
    }

    @Test
    void givenContentFiltered_thenGatewayLogCarriesTheErrorAndThereIsNoResponse() throws Exception {
        GeneratedCall call = new TrafficGenerator(5).call(CallSpec.builder().contentFiltered().withGatewayLog(false)
                .build());

        assertThat(call.responseFragments()).isEmpty();
        JsonNode g = call.gatewayLogRecord();
        assertThat(g).isNotNull();
        assertThat(g.get("correlationId").asText()).isEqualTo(call.correlationId());
        assertThat(g.get("properties").get("responseCode").asInt()).isEqualTo(400);
        JsonNode error = JSON.readTree(g.get("properties").get("responseBody").asText()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("content_filter");
        assertThat(error.get("innererror").get("code").asText()).isEqualTo("ResponsibleAIPolicyViolation");
        assertThat(error.get("innererror").get("content_filter_result").has("hate")).isTrue();
    }

    @Test
    void givenGatewayLog_thenItHasTheDocumentedFieldsAndTheCallerMatches() {
        GeneratedCall call = new TrafficGenerator(9).call(CallSpec.builder().build());

        ObjectNode g = call.gatewayLogRecord();
        assertThat(g.fieldNames()).toIterable().contains("DeploymentVersion", "Level", "Sku", "callerIpAddress",
                "category", "correlationId", "durationMs", "isRequestSuccess", "location", "operationName",
                "resourceId", "resultType", "time", "truncated", "properties");
        assertThat(g.get("properties").fieldNames()).toIterable().contains("apiId", "apiRevision", "operationId",
                "method", "url", "responseCode", "responseSize", "requestSize", "backendMethod", "backendUrl",
                "backendResponseCode", "backendTime", "backendProtocol", "clientProtocol", "clientTlsVersion", "cache",
                "apimSubscriptionId", "productId", "userId");
        assertThat(g.get("category").asText()).isEqualTo("GatewayLogs");
        CallerIdentity c = call.caller();
        assertThat(c.subscriptionId()).isEqualTo(g.get("properties").get("apimSubscriptionId").asText());
        assertThat(c.ipAddress()).isEqualTo(g.get("callerIpAddress").asText());
        assertThat(c.durationMs()).isEqualTo(g.get("durationMs").asLong());
        assertThat(c.responseCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ cuts

    @Test
    void givenEdgeMix_thenRequestsContainEveryEscapeCutKind() {
        Set<CutKind> seen = EnumSet.noneOf(CutKind.class);
        for (GeneratedCall call : new TrafficGenerator(21).mix(3, Mix.EDGE)) {
            seen.addAll(cutKindsByInspection(call.requestFragments()));
        }
        assertThat(seen).containsAll(CutKind.ESCAPE_KINDS);
    }

    @Test
    void givenForcedCutKind_thenBothSidesHaveItAndTheClassifierAgrees() {
        TrafficGenerator gen = new TrafficGenerator(8);
        for (CutKind kind : CutKind.ESCAPE_KINDS) {
            for (EscapeStyle style : EscapeStyle.values()) {
                for (Size size : List.of(Size.TINY, Size.MEDIUM)) {
                    GeneratedCall call = gen.call(CallSpec.builder().size(size).escapeStyle(style).forceCut(kind)
                            .responseAsArray(style == EscapeStyle.LOWER_HEX).build());
                    String what = kind + "/" + style + "/" + size;
                    assertThat(cutKindsByInspection(call.requestFragments())).as(what).contains(kind);
                    assertThat(cutKindsByInspection(call.responseFragments())).as(what).contains(kind);
                    assertThat(EscapedJson.classifyFragmentBoundaries(call.requestFragments()))
                            .as(what).isEqualTo(cutKindsListByInspection(call.requestFragments()));
                }
            }
        }
    }

    @Test
    void givenDefaultChunking_thenFragmentsAreWithinTheRangeAndSizesVary() {
        GeneratedCall call = new TrafficGenerator(2).call(CallSpec.builder().size(Size.MEDIUM).build());
        List<String> fragments = call.requestFragments();
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < fragments.size() - 1; i++) {
            assertThat(fragments.get(i).length()).isBetween(CallSpec.DEFAULT_CHUNK_MIN, CallSpec.DEFAULT_CHUNK_MAX);
            lengths.add(fragments.get(i).length());
        }
        assertThat(fragments.get(fragments.size() - 1).length()).isLessThanOrEqualTo(CallSpec.DEFAULT_CHUNK_MAX);
        if (fragments.size() > 3) {
            assertThat(lengths).hasSizeGreaterThan(1);
        }
    }

    private static final Pattern UNICODE_TAIL = Pattern.compile("(\\\\+)u[0-9A-Fa-f]{0,3}$");
    private static final Pattern HIGH_TAIL = Pattern.compile("(\\\\+)u[dD][89abAB][0-9A-Fa-f]{2}$");
    private static final Pattern LOW_HEAD = Pattern.compile("^\\\\u[dD][c-fC-F][0-9A-Fa-f]{2}");

    /** Cut kinds judged only from the characters around each boundary, independent of EscapedJson. */
    private static Set<CutKind> cutKindsByInspection(List<String> fragments) {
        Set<CutKind> kinds = EnumSet.noneOf(CutKind.class);
        kinds.addAll(cutKindsListByInspection(fragments));
        return kinds;
    }

    private static List<CutKind> cutKindsListByInspection(List<String> fragments) {
        List<CutKind> out = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < fragments.size() - 1; i++) {
            prefix.append(fragments.get(i));
            String tail = prefix.substring(Math.max(0, prefix.length() - 64));
            String next = fragments.get(i + 1);
            String head = next.substring(0, Math.min(6, next.length()))
                    + (next.length() < 6 && i + 2 < fragments.size() ? fragments.get(i + 2) : "");
            out.add(inspect(prefix, tail, head));
        }
        return out;
    }

    private static CutKind inspect(StringBuilder prefix, String tail, String head) {
        if (backslashRun(prefix, prefix.length()) % 2 == 1) {
            return CutKind.AFTER_BACKSLASH;
        }
        Matcher m = UNICODE_TAIL.matcher(tail);
        if (m.find() && backslashRun(prefix, prefix.length() - (tail.length() - m.end(1))) % 2 == 1) {
            return CutKind.INSIDE_UNICODE_ESCAPE;
        }
        Matcher h = HIGH_TAIL.matcher(tail);
        if (h.find() && backslashRun(prefix, prefix.length() - (tail.length() - h.end(1))) % 2 == 1
                && LOW_HEAD.matcher(head).find()) {
            return CutKind.BETWEEN_SURROGATE_ESCAPES;
        }
        return CutKind.PLAIN;
    }

    /** Number of consecutive backslashes ending just before {@code end}. */
    private static int backslashRun(CharSequence s, int end) {
        int n = 0;
        while (end - 1 - n >= 0 && s.charAt(end - 1 - n) == '\\') {
            n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ sizes

    @Test
    void givenStressMix_thenCapCallsAreJustUnderTwoMegabytesAndOverCapCallsAreCutAtIt() throws Exception {
        long start = System.nanoTime();
        List<GeneratedCall> calls = new TrafficGenerator(4).mix(5, Mix.STRESS);
        System.out.printf("5 STRESS calls in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        int cap = TrafficGenerator.APIM_CAP_CHARS;
        for (int i = 0; i < 4; i++) {
            GeneratedCall call = calls.get(i);
            assertThat(call.requestMessagesJson().length()).isBetween(cap - 20_000, cap);
            assertThat(call.responseMessagesJson().length()).isBetween(cap - 20_000, cap);
            assertThat(call.requestTruncated()).isFalse();
            assertThat(JSON.readTree(String.join("", call.requestFragments()))).isEqualTo(call.requestMessages());
        }
        GeneratedCall over = calls.get(4);
        assertThat(over.requestTruncated()).isTrue();
        assertThat(over.requestMessagesJson()).hasSize(cap);
        assertThat(String.join("", over.requestFragments())).isEqualTo(over.requestMessagesJson());
        assertThatThrownBy(() -> JSON.readTree(over.requestMessagesJson())).isInstanceOf(Exception.class);
        assertThat(over.requestMessages().size()).isPositive();
        assertThat(over.responseMessagesJson().length()).isLessThanOrEqualTo(cap);
    }

    @Test
    void givenLargeCall_thenResponseIsAboutOneAndAHalfMegabytes() {
        GeneratedCall call = new TrafficGenerator(4).call(CallSpec.builder().size(Size.LARGE).build());

        assertThat(call.responseMessagesJson().length()).isBetween(1_390_000, 1_600_000);
        assertThat(call.responseFragments().size()).isGreaterThan(80);
    }

    @Test
    void givenTwoHundredRealisticCalls_thenGenerationIsQuick() {
        long start = System.nanoTime();
        TrafficGenerator gen = new TrafficGenerator(99);
        List<GeneratedCall> calls = gen.mix(200, Mix.REALISTIC);
        List<String> bodies = gen.bodies(calls, Delivery.chaotic());
        System.out.printf("200 REALISTIC calls + chaotic delivery (%d bodies) in %d ms%n", bodies.size(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(bodies).isNotEmpty();
    }

    // ------------------------------------------------------------------ delivery

    @Test
    void givenEachEnvelope_thenBodiesParseAsDeclaredAndHoldEveryRecord() throws Exception {
        TrafficGenerator gen = new TrafficGenerator(12);
        List<GeneratedCall> calls = gen.mix(30, Mix.REALISTIC);
        int expected = calls.stream().mapToInt(c -> c.allRecords().size()).sum();

        for (Envelope envelope : Envelope.values()) {
            Delivered delivered = gen.deliver(calls, Delivery.inOrder().withEnvelope(envelope));
            int records = 0;
            for (String body : delivered.bodies()) {
                records += recordsOf(body, envelope).size();
            }
            assertThat(records).as(envelope.name()).isEqualTo(expected).isEqualTo(delivered.recordCount());
        }
    }

    private static List<JsonNode> recordsOf(String body, Envelope envelope) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        switch (envelope) {
            case RECORDS_ENVELOPE -> JSON.readTree(body).get("records").forEach(out::add);
            case BARE_ARRAY -> {
                JsonNode array = JSON.readTree(body);
                assertThat(array.isArray()).isTrue();
                array.forEach(out::add);
            }
            case SINGLE_RECORD -> {
                JsonNode rec = JSON.readTree(body);
                assertThat(rec.isObject()).isTrue();
                assertThat(rec.has("records")).isFalse();
                out.add(rec);
            }
            case JSON_LINES -> {
                assertThat(body).endsWith("\n");
                for (String line : body.split("\n")) {
                    out.add(JSON.readTree(line));
                }
            }
            case MIXED -> {
                JsonNode n = JSON.readTree(body);
                if (n.isArray()) {
                    n.forEach(out::add);
                } else if (n.has("records")) {
                    n.get("records").forEach(out::add);
                } else {
                    out.add(n);
                }
            }
        }
        return out;
    }

    @Test
    void givenChaoticDelivery_thenARecordLevelReassemblyStillRecoversEveryCall() throws Exception {
        TrafficGenerator gen = new TrafficGenerator(13);
        List<GeneratedCall> calls = new ArrayList<>(gen.mix(80, Mix.REALISTIC));
        calls.addAll(gen.mix(20, Mix.EDGE));
        Delivered delivered = gen.deliver(calls, Delivery.chaotic().withCorrelationIdInProperties(true));

        // a deliberately naive assembler: case-insensitive keys, dedupe by (correlation id, seq)
        Map<String, TreeMap<Integer, JsonNode>> byCall = new HashMap<>();
        Set<String> categories = new HashSet<>();
        int pascal = 0;
        for (String body : delivered.bodies()) {
            for (JsonNode rec : recordsOf(body, Envelope.MIXED)) {
                String category = field(rec, "category").asText();
                categories.add(category);
                if (rec.has("Category")) {
                    pascal++;
                }
                if (!category.equals("GatewayLlmLogs")) {
                    continue;
                }
                JsonNode props = rec.get("properties");
                assertThat(rec.has("correlationId") || rec.has("CorrelationId")).isFalse();
                String id = field(props, "correlationId").asText();
                byCall.computeIfAbsent(id, k -> new TreeMap<>()).put(field(props, "sequenceNumber").asInt(), props);
            }
        }
        assertThat(categories).contains("GatewayLlmLogs", "GatewayLogs", "WebSocketConnectionLogs");
        assertThat(pascal).isPositive();
        assertThat(delivered.duplicateRecords()).isPositive();
        assertThat(delivered.otherCategoryRecords()).isPositive();
        assertThat(delivered.addedProbes()).isNotEmpty();
        assertThat(byCall).hasSize(calls.size() + delivered.addedProbes().size());
        for (GeneratedCall call : calls) {
            TreeMap<Integer, JsonNode> seqs = byCall.get(call.correlationId());
            assertThat(seqs.keySet()).hasSize(call.llmRecords().size());
            StringBuilder request = new StringBuilder();
            StringBuilder response = new StringBuilder();
            for (JsonNode p : seqs.values()) {
                JsonNode rq = field(p, "requestMessages");
                JsonNode rs = field(p, "responseMessages");
                if (!rq.isMissingNode()) {
                    request.append(rq.textValue());
                }
                if (!rs.isMissingNode()) {
                    response.append(rs.textValue());
                }
            }
            if (call.requestMessagesJson() != null) {
                assertThat(request.toString()).isEqualTo(call.requestMessagesJson());
            }
            if (call.responseMessagesJson() != null) {
                assertThat(response.toString()).isEqualTo(call.responseMessagesJson());
            }
        }
    }

    private static JsonNode field(JsonNode node, String camel) {
        JsonNode v = node.get(camel);
        return v != null ? v : node.path(Character.toUpperCase(camel.charAt(0)) + camel.substring(1));
    }

    @Test
    void givenDuplicatesAndShuffle_thenBothShowInTheBodies() {
        TrafficGenerator gen = new TrafficGenerator(14);
        List<GeneratedCall> calls = gen.mix(40, Mix.REALISTIC);
        List<String> inOrder = records(gen.bodies(calls, Delivery.inOrder().withEnvelope(Envelope.JSON_LINES)));
        Delivered messy = gen.deliver(calls, Delivery.inOrder().withEnvelope(Envelope.JSON_LINES)
                .withShuffle(true).withDuplicateRate(0.2));
        List<String> shuffled = records(messy.bodies());

        assertThat(shuffled).hasSize(inOrder.size() + messy.duplicateRecords());
        assertThat(messy.duplicateRecords()).isPositive();
        assertThat(new HashSet<>(shuffled)).isEqualTo(new HashSet<>(inOrder));
        assertThat(shuffled.subList(0, 20)).isNotEqualTo(inOrder.subList(0, 20));
    }

    private static List<String> records(List<String> jsonLinesBodies) {
        List<String> out = new ArrayList<>();
        jsonLinesBodies.forEach(b -> out.addAll(List.of(b.split("\n"))));
        return out;
    }

    @Test
    void givenPascalCase_thenKeysArePascalButThePropertiesNameStays() throws Exception {
        TrafficGenerator gen = new TrafficGenerator(15);
        GeneratedCall call = gen.call(CallSpec.builder().size(Size.TINY).build());
        List<String> bodies = gen.bodies(List.of(call),
                Delivery.inOrder().withKeyCase(KeyCase.PASCAL).withEnvelope(Envelope.SINGLE_RECORD));

        JsonNode meta = null;
        for (String body : bodies) {
            JsonNode rec = JSON.readTree(body);
            assertThat(rec.has("properties")).isTrue();
            assertThat(rec.has("Time") && rec.has("Category") && rec.has("CorrelationId")).isTrue();
            if (rec.get("properties").path("SequenceNumber").asInt(-1) == 0) {
                meta = rec.get("properties");
            }
        }
        assertThat(meta).isNotNull();
        assertThat(meta.fieldNames()).toIterable().contains("SequenceNumber", "DeploymentName", "ModelName",
                "PromptTokens", "CompletionTokens", "TotalTokens", "PromptCachedTokens", "IsStreamCompletion");
    }

    @Test
    void givenBodyLimit_thenNoBodyExceedsIt() {
        TrafficGenerator gen = new TrafficGenerator(16);
        List<GeneratedCall> calls = List.of(gen.call(CallSpec.builder().size(Size.LARGE).build()));
        List<String> bodies = gen.bodies(calls, Delivery.inOrder().withRecordsPerBody(50, 200));

        assertThat(bodies).allSatisfy(b -> assertThat(b.length()).isLessThanOrEqualTo(Delivery.EVENT_HUB_MAX_BODY_CHARS));
        assertThat(bodies).hasSizeGreaterThan(1);
    }

    @Test
    void givenBodies_thenBatchesKeepOrderAndRespectTheMaximum() {
        List<String> bodies = new TrafficGenerator(17).bodies(new TrafficGenerator(17).mix(30, Mix.REALISTIC),
                Delivery.inOrder().withRecordsPerBody(1, 3));

        List<List<String>> batches = TrafficGenerator.batches(bodies, 7, new Random(1));

        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 7));
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(bodies);
    }

    @Test
    void givenGarbageBodies_thenNoneDecodesToARecordsArray() {
        Random rnd = new Random(3);
        for (GarbageKind kind : GarbageKind.values()) {
            for (int i = 0; i < 20; i++) {
                String body = TrafficGenerator.garbageBody(kind, rnd);
                JsonNode parsed;
                try {
                    parsed = JSON.readTree(body);
                } catch (Exception e) {
                    continue; // undecodable: fine
                }
                assertThat(parsed == null || parsed.isMissingNode() || !parsed.path("records").isArray())
                        .as(kind + ": " + body).isTrue();
            }
        }
        assertThat(TrafficGenerator.garbageBody(GarbageKind.EMPTY, rnd)).isEmpty();
        assertThat(TrafficGenerator.garbageBody(GarbageKind.RECORDS_NOT_ARRAY, rnd)).isEqualTo("{\"records\":\"oops\"}");
    }
}
