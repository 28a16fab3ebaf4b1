package com.llmlogprocessor.ingest;

import static com.llmlogprocessor.testdata.RecordTestData.call;
import static com.llmlogprocessor.testdata.RecordTestData.envelope;
import static com.llmlogprocessor.testdata.RecordTestData.gateway;
import static com.llmlogprocessor.testdata.RecordTestData.probe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.conversation.ConversationBuilder;
import com.llmlogprocessor.conversation.Enricher;
import com.llmlogprocessor.store.memory.InMemoryStores;
import com.llmlogprocessor.testdata.MutableClock;
import com.llmlogprocessor.traffic.CallSpec;
import com.llmlogprocessor.traffic.Delivery;
import com.llmlogprocessor.traffic.GeneratedCall;
import com.llmlogprocessor.traffic.Size;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestPipelineTest {
    private static final String REQ = "[{\"role\":\"user\",\"content\":\"How do I reset my password? \\u00E9\"}]";
    private static final String RESP = "{\"role\":\"assistant\",\"content\":\"Click 'forgot password'.\"}";

    private final InMemoryStores stores = new InMemoryStores();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:20:00Z"));
    private final IngestPipeline pipeline = new IngestPipeline(stores, stores, stores, stores, stores,
            new ConversationBuilder(Enricher.defaults(), Settings.ContentMode.FULL, 4096), clock);
    private long seq;

    private BatchResult ingest(String... bodies) {
        List<EventBody> list = new ArrayList<>();
        for (String b : bodies) {
            list.add(new EventBody(b, "0", seq++, clock.instant()));
        }
        return pipeline.ingest(list);
    }

    @Test
    void givenCompleteCallWithGatewayHalfInOneBatch_thenOneCompleteDocumentWithOneWrite() {
        List<ObjectNode> records = new ArrayList<>(call("c1", REQ, RESP, 20));
        records.add(gateway("c1", 200));
        BatchResult r = ingest(envelope(records));
        ObjectNode doc = stores.conversation("c1");
        assertThat(doc.get("status").asText()).isEqualTo("complete");
        assertThat(doc.at("/request/messages/0/content").asText()).isEqualTo("How do I reset my password? \u00e9");
        assertThat(doc.at("/response/messages/0/content").asText()).isEqualTo("Click 'forgot password'.");
        assertThat(doc.at("/caller/subscriptionId").asText()).isEqualTo("sub-team-a");
        assertThat(doc.get("apiVersion").asText()).isEqualTo("2024-10-21");
        assertThat(doc.at("/tokens/source").asText()).isEqualTo("gateway");
        assertThat(doc.at("/tokens/total").asLong()).isEqualTo(120);
        assertThat(doc.get("timestamp").asText()).isEqualTo("2026-12-04T10:15:30.1234567Z");
        assertThat(doc.at("/archive/raw/0").asText()).isEqualTo("p0/00000000000000000000.json.gz");
        assertThat(stores.cosmosWrites.get()).isEqualTo(1);
        assertThat(r.conversationsByStatus()).containsEntry("complete", 1);
        assertThat(stores.raw).hasSize(1);
    }

    @Test
    void givenCallSplitAcrossBatches_thenStagedAndFinishedWhenTheLastPieceArrives() {
        List<ObjectNode> records = call("c2", REQ, RESP, 15);
        ingest(envelope(records.subList(2, records.size())));
        assertThat(stores.conversation("c2")).isNull();
        BatchResult r = ingest(envelope(records.subList(0, 2)));
        assertThat(r.staged()).isEqualTo(1);
        assertThat(stores.conversation("c2").get("status").asText()).isEqualTo("complete");
    }

    @Test
    void givenGarbageBodies_thenOthersStoredAndGarbageDeadLetteredWithReasons() {
        BatchResult r = ingest("not json", envelope(call("c3", REQ, RESP, 50)), "{\"records\":\"oops\"}");
        assertThat(stores.conversation("c3")).isNotNull();
        assertThat(r.deadLettered()).isEqualTo(2);
        assertThat(stores.deadLetters).hasSize(2);
        assertThat(stores.deadLetters.values()).allSatisfy(reasons -> assertThat(reasons).isNotEmpty());
        assertThat(stores.raw).hasSize(3);
    }

    @Test
    void givenProbeRow_thenCountedNotStored() {
        BatchResult r = ingest(envelope(List.of(probe("p1"))));
        assertThat(r.probes()).isEqualTo(1);
        assertThat(stores.conversations).isEmpty();
    }

    @Test
    void givenGatewayHalfAfterTheConversation_thenCallerPatchedIn() {
        ingest(envelope(call("c4", REQ, RESP, 50)));
        assertThat(stores.conversation("c4").has("caller")).isFalse();
        BatchResult r = ingest(envelope(List.of(gateway("c4", 200))));
        assertThat(r.gatewayJoinedLate()).isEqualTo(1);
        assertThat(stores.conversation("c4").at("/caller/userId").asText()).isEqualTo("user-1");
    }

    @Test
    void givenGatewayHalfBeforeTheConversation_thenJoinedWhenTheCallCompletes() {
        ingest(envelope(List.of(gateway("c5", 200))));
        ingest(envelope(call("c5", REQ, RESP, 50)));
        assertThat(stores.conversation("c5").at("/caller/productId").asText()).isEqualTo("gold");
    }

    @Test
    void givenFailedCallWithGatewayHalf_thenNoResponseAtOnce() {
        List<ObjectNode> records = new ArrayList<>(call("c6", REQ, null, 50));
        records.add(gateway("c6", 429));
        ingest(envelope(records));
        assertThat(stores.conversation("c6").get("status").asText()).isEqualTo("no_response");
    }

    @Test
    void givenIncompleteCallPastGrace_thenSweeperFinalisesPartialAndLatePiecesRepairIt() {
        List<ObjectNode> records = call("c7", REQ, RESP, 15);
        ObjectNode hole = records.get(2);
        List<ObjectNode> rest = new ArrayList<>(records);
        rest.remove(hole);
        ingest(envelope(rest));
        assertThat(pipeline.finaliseIdle(clock.instant().minus(Duration.ofMinutes(10)), 100).conversationsWritten()).isZero();
        clock.advance(Duration.ofMinutes(11));
        pipeline.finaliseIdle(clock.instant().minus(Duration.ofMinutes(10)), 100);
        ObjectNode doc = stores.conversation("c7");
        assertThat(doc.get("status").asText()).isEqualTo("partial");
        assertThat(doc.at("/chunks/missing").toString()).isEqualTo("[2]");
        assertThat(doc.get("flags").toString()).contains("\"partial\"");
        ingest(envelope(List.of(hole)));
        assertThat(stores.conversation("c7").get("status").asText()).isEqualTo("complete");
        assertThat(stores.conversation("c7").at("/chunks/missing").toString()).isEqualTo("[]");
    }

    @Test
    void givenRequestWithoutResponsePastGrace_thenNoResponse() {
        ingest(envelope(call("c8", REQ, null, 50)));
        clock.advance(Duration.ofMinutes(11));
        pipeline.finaliseIdle(clock.instant().minus(Duration.ofMinutes(10)), 100);
        assertThat(stores.conversation("c8").get("status").asText()).isEqualTo("no_response");
    }

    @Test
    void givenLargeResponse_thenContentGoesToBlobWithPreview() {
        String big = "{\"role\":\"assistant\",\"content\":\"" + "lorem ipsum ".repeat(1000) + "\"}";
        ingest(envelope(call("c9", REQ, big, 5000)));
        ObjectNode doc = stores.conversation("c9");
        assertThat(doc.at("/response/archived").asBoolean()).isTrue();
        assertThat(doc.at("/response/messages").isMissingNode()).isTrue();
        assertThat(doc.at("/response/preview").asText()).startsWith("assistant: lorem ipsum");
        assertThat(doc.at("/archive/response").asText()).isEqualTo("c9/response.json");
        assertThat(new String(stores.content.get("c9/response.json"))).contains("lorem ipsum lorem");
        assertThat(doc.at("/request/messages/0/role").asText()).isEqualTo("user");
    }

    @Test
    void givenNoGatewayTokens_thenEstimatedWithTheTokenizerAndLabelled() {
        List<ObjectNode> records = new ArrayList<>(call("e1", REQ, RESP, 50));
        ObjectNode props = (ObjectNode) records.get(0).get("properties");
        props.put("promptTokens", 0).put("completionTokens", 0).put("totalTokens", 0);
        ingest(envelope(records));
        ObjectNode doc = stores.conversation("e1");
        assertThat(doc.at("/tokens/source").asText()).isEqualTo("estimated");
        assertThat(doc.at("/tokens/prompt").asLong()).isPositive();
        assertThat(doc.at("/tokens/completion").asLong()).isPositive();
        assertThat(doc.get("flags").toString()).contains("\"type\":\"estimated_tokens\"");
    }

    @Test
    void givenKnownAndUnknownModels_thenCostOrAnExplicitUnpricedNote() {
        ingest(envelope(call("k1", REQ, RESP, 50)));
        ObjectNode known = stores.conversation("k1");
        assertThat(known.at("/cost/amount").decimalValue()).isPositive();
        assertThat(known.at("/cost/currency").asText()).isEqualTo("USD");
        assertThat(known.at("/cost/priceVersion").asText()).isNotBlank();

        List<ObjectNode> records = new ArrayList<>(call("k2", REQ, RESP, 50));
        ((ObjectNode) records.get(0).get("properties")).put("modelName", "acme-llm-7");
        ingest(envelope(records));
        ObjectNode unknown = stores.conversation("k2");
        assertThat(unknown.at("/cost/amount").isNull()).isTrue();
        assertThat(unknown.at("/cost/unpriced").asText()).contains("acme-llm-7");
    }

    @Test
    void givenPiiInThePrompt_thenFlaggedWithoutTheValueAndQuestionFingerprinted() {
        String req = "[{\"role\":\"user\",\"content\":\"Mail jane.doe@example.com: how do I reset my password?\"}]";
        ingest(envelope(call("f1", req, RESP, 30)));
        ObjectNode doc = stores.conversation("f1");
        assertThat(doc.get("flags").toString()).contains("\"category\":\"pii\",\"type\":\"email\",\"where\":\"request\"")
                .doesNotContain("jane.doe");
        assertThat(doc.at("/question/fingerprint").asText()).isNotBlank();
        assertThat(doc.at("/question/text").asText()).doesNotContain("jane.doe");
        assertThat(doc.get("classifierVersion").asText()).isNotEqualTo("none");
    }

    @Test
    void givenRequestCutAtApimsCap_thenFinishedAtOnceAsPartialKeepingTheLoggedText() {
        TrafficGenerator gen = new TrafficGenerator(5);
        GeneratedCall call = gen.call(CallSpec.builder().size(Size.OVER_CAP).build());
        assertThat(call.requestTruncated()).isTrue();
        List<String> bodies = gen.bodies(List.of(call), Delivery.inOrder());
        BatchResult r = ingest(bodies.toArray(String[]::new));
        assertThat(r.staged()).isZero();
        ObjectNode doc = stores.conversation(call.correlationId());
        assertThat(doc.get("status").asText()).isEqualTo("partial");
        assertThat(doc.at("/request/truncated").asBoolean()).isTrue();
        assertThat(doc.get("flags").toString()).contains("\"type\":\"truncated\",\"where\":\"request\"");
        assertThat(doc.at("/archive/request").asText()).isEqualTo(call.correlationId() + "/request.txt");
        assertThat(new String(stores.content.get(call.correlationId() + "/request.txt"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(call.requestMessagesJson());
    }

    @Test
    void givenHoleInTheRequest_thenPartialDocumentKeepsTheJoinedTextThatArrived() {
        List<ObjectNode> records = new ArrayList<>(call("u1", REQ, RESP, 15));
        records.remove(2);
        ingest(envelope(records));
        clock.advance(Duration.ofMinutes(11));
        pipeline.finaliseIdle(clock.instant().minus(Duration.ofMinutes(10)), 100);
        ObjectNode doc = stores.conversation("u1");
        assertThat(doc.get("status").asText()).isEqualTo("partial");
        assertThat(doc.at("/request/unparsed").asText()).isEqualTo(REQ.substring(0, 15) + REQ.substring(30));
    }
}
