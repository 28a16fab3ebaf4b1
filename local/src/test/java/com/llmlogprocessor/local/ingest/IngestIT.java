package com.llmlogprocessor.local.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.functions.IngestFunction;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.local.LocalApp;
import com.llmlogprocessor.local.LocalExecutionContext;
import com.llmlogprocessor.local.emulator.Emulators;
import com.llmlogprocessor.store.AzureClients;
import com.llmlogprocessor.store.blob.BlobArchive;
import com.llmlogprocessor.store.cosmos.CosmosContainers;
import com.llmlogprocessor.traffic.CallOutcome;
import com.llmlogprocessor.traffic.CallSpec;
import com.llmlogprocessor.traffic.Delivery;
import com.llmlogprocessor.traffic.GeneratedCall;
import com.llmlogprocessor.traffic.Mix;
import com.llmlogprocessor.traffic.Size;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest path end to end through {@link IngestFunction} against Azurite and the Cosmos DB
 * server, over the real SDKs, with generated APIM traffic.
 */
class IngestIT {
    private static AppContext app;
    private static BlobContainerClient rawContainer;
    private static BlobContainerClient deadLetterContainer;
    private static BlobContainerClient contentContainer;

    @BeforeAll
    static void start() {
        app = LocalApp.start(Emulators.shared(), Map.of(Settings.COSMOS_DATABASE, "ingest-it"), Clock.systemUTC());
        var blob = AzureClients.blob(app.settings());
        rawContainer = blob.getBlobContainerClient(BlobArchive.RAW_CONTAINER);
        deadLetterContainer = blob.getBlobContainerClient(BlobArchive.DEAD_LETTER_CONTAINER);
        contentContainer = blob.getBlobContainerClient(BlobArchive.CONTENT_CONTAINER);
    }

    @SuppressWarnings("unchecked")
    private static void runFunction(String partition, long firstSeq, List<String> bodies) {
        Map<String, Object>[] props = new Map[bodies.size()];
        for (int i = 0; i < bodies.size(); i++) {
            props[i] = Map.of("SequenceNumber", firstSeq + i, "EnqueuedTimeUtc", "2026-12-04T10:00:00Z");
        }
        new IngestFunction().run(bodies.toArray(String[]::new), props, Map.of("PartitionId", partition),
                new LocalExecutionContext("test", null, java.util.logging.Level.OFF));
    }

    private static ObjectNode document(String id) {
        return app.conversations().read(id).map(s -> s.document()).orElse(null);
    }

    private static JsonNode hydrated(ObjectNode doc, String side) throws IOException {
        JsonNode content = doc.get(side);
        if (content.path("archived").asBoolean()) {
            byte[] json = contentContainer.getBlobClient(doc.at("/archive/" + side).asText()).downloadContent().toBytes();
            return Json.MAPPER.readTree(json);
        }
        return content.get("messages");
    }

    private static JsonNode asArray(JsonNode n) {
        return n.isArray() ? n : Json.MAPPER.createArrayNode().add(n);
    }

    @Test
    void givenGeneratedConversationsInOneBatch_thenEachDocumentHoldsTheExactTexts() throws IOException {
        TrafficGenerator gen = new TrafficGenerator(7);
        List<GeneratedCall> calls = new ArrayList<>(gen.mix(24, Mix.REALISTIC));
        calls.addAll(gen.mix(8, Mix.EDGE));
        GeneratedCall large = gen.call(CallSpec.builder().size(Size.LARGE).nonAscii(true).emoji(true).build());
        calls.add(large);
        List<String> bodies = gen.bodies(calls, Delivery.inOrder().withShuffle(true).withDuplicateRate(0.15));
        runFunction("it-exact", 0, bodies);
        // A failed call without its GatewayLogs half waits for the grace period; close the set.
        long pending = calls.stream().filter(c -> !c.isProbe() && c.gatewayLogRecord() == null && !c.hasResponse()).count();
        assertThat(app.pipeline().finaliseIdle(Instant.now().plus(Duration.ofHours(1)), 1000)
                .conversationsByStatus().getOrDefault("no_response", 0)).isEqualTo((int) pending);

        int checked = 0;
        for (GeneratedCall call : calls) {
            ObjectNode doc = document(call.correlationId());
            if (call.isProbe()) {
                assertThat(doc).as("probe %s", call.correlationId()).isNull();
                continue;
            }
            assertThat(doc).as("document for %s %s gw=%s", call.correlationId(), call.outcome(), call.gatewayLogRecord() != null).isNotNull();
            assertThat(hydrated(doc, "request")).as("request of %s", call.correlationId()).isEqualTo(call.requestMessages());
            if (call.hasResponse()) {
                assertThat(doc.get("status").asText()).isEqualTo("complete");
                assertThat(hydrated(doc, "response")).as("response of %s", call.correlationId())
                        .isEqualTo(asArray(call.responseMessages()));
                assertThat(doc.at("/tokens/prompt").asLong()).isEqualTo(call.promptTokens());
                assertThat(doc.get("model").asText()).isEqualTo(call.model());
            } else {
                assertThat(doc.get("status").asText()).isEqualTo("no_response");
            }
            if (call.caller() != null && call.caller().subscriptionId() != null) {
                assertThat(doc.at("/caller/subscriptionId").asText()).isEqualTo(call.caller().subscriptionId());
                assertThat(doc.at("/caller/responseCode").asInt()).isEqualTo(call.caller().responseCode());
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(28);

        ObjectNode big = document(large.correlationId());
        assertThat(big.at("/response/archived").asBoolean()).isTrue();
        assertThat(big.at("/response/preview").asText()).startsWith("assistant: ").hasSizeLessThanOrEqualTo(1000);
        assertThat(big.at("/response/sizeBytes").asLong()).isGreaterThan(1_000_000);
        assertThat(big.at("/response/messages").isMissingNode()).isTrue();
    }

    @Test
    void givenGarbageBodies_thenEverythingElseIsStoredAndGarbageDeadLetteredWithReasons() {
        TrafficGenerator gen = new TrafficGenerator(11);
        List<GeneratedCall> calls = gen.mix(6, Mix.REALISTIC);
        List<String> bodies = new ArrayList<>(gen.bodies(calls, Delivery.inOrder()));
        bodies.add(1, "{\"records\":[{\"category\":\"GatewayLlmLogs\",");
        bodies.add("\u0001\u0002 not json");
        runFunction("it-garbage", 100, bodies);

        for (GeneratedCall call : calls) {
            if (!call.isProbe()) {
                assertThat(document(call.correlationId())).as(call.correlationId()).isNotNull();
            }
        }
        List<String> dead = names(deadLetterContainer, "pit-garbage/");
        assertThat(dead).hasSize(2);
        for (String name : dead) {
            JsonNode letter = readJson(deadLetterContainer.getBlobClient(name).downloadContent().toBytes());
            assertThat(letter.get("reasons")).isNotEmpty();
            assertThat(letter.get("reasons").get(0).asText()).startsWith("not valid JSON");
            assertThat(letter.get("rawBlob").asText()).startsWith("raw/pit-garbage/");
        }
    }

    @Test
    void givenTheSameBatchTwice_thenStateIsIdentical() {
        TrafficGenerator gen = new TrafficGenerator(23);
        List<GeneratedCall> calls = gen.mix(12, Mix.REALISTIC);
        List<String> bodies = gen.bodies(calls, Delivery.chaotic());
        runFunction("it-twice", 0, bodies);
        Map<String, JsonNode> first = snapshot(calls);
        runFunction("it-twice", 0, bodies);
        assertThat(snapshot(calls)).isEqualTo(first);
        assertThat(names(rawContainer, "pit-twice/")).hasSize(bodies.size());
    }

    @Test
    void givenABatch_thenEveryRawBodyIsArchivedCompressedUnderItsPartitionAndSequence() throws IOException {
        TrafficGenerator gen = new TrafficGenerator(31);
        List<String> bodies = gen.bodies(gen.mix(5, Mix.REALISTIC), Delivery.inOrder().withRecordsPerBody(1, 3));
        runFunction("it-raw", 500, bodies);
        List<String> names = names(rawContainer, "pit-raw/");
        assertThat(names).hasSize(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            String name = String.format("pit-raw/%020d.json.gz", 500 + i);
            byte[] gz = rawContainer.getBlobClient(name).downloadContent().toBytes();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(bodies.get(i));
            }
        }
    }

    @Test
    void givenAllCallsInOneBatch_thenNothingIsStagedForCompleteCalls() {
        TrafficGenerator gen = new TrafficGenerator(41);
        GeneratedCall call = gen.call(CallSpec.builder().size(Size.MEDIUM).withGatewayLog(true).build());
        runFunction("it-nostage", 0, gen.bodies(List.of(call), Delivery.inOrder()));
        assertThat(call.outcome()).isEqualTo(CallOutcome.COMPLETE);
        long staged = app.database().getContainer(CosmosContainers.STAGING)
                .queryItems(new SqlQuerySpec("SELECT VALUE COUNT(1) FROM c WHERE c.correlationId = @id",
                        List.of(new SqlParameter("@id", call.correlationId()))), new CosmosQueryRequestOptions(), Long.class)
                .stream().findFirst().orElse(-1L);
        assertThat(staged).isZero();
        assertThat(document(call.correlationId()).get("status").asText()).isEqualTo("complete");
    }

    private static Map<String, JsonNode> snapshot(List<GeneratedCall> calls) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (GeneratedCall c : calls) {
            ObjectNode d = document(c.correlationId());
            if (d != null) {
                d.remove(List.of("_rid", "_self", "_etag", "_attachments", "_ts"));
                out.put(c.correlationId(), d);
            }
        }
        return out;
    }

    private static List<String> names(BlobContainerClient container, String prefix) {
        List<String> out = new ArrayList<>();
        for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
            out.add(item.getName());
        }
        return out;
    }

    private static JsonNode readJson(byte[] b) {
        try {
            return Json.MAPPER.readTree(b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
