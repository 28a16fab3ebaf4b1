package com.llmlogprocessor.local.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.local.LocalApp;
import com.llmlogprocessor.local.emulator.Emulators;
import com.llmlogprocessor.store.AzureClients;
import com.llmlogprocessor.store.ContentStore;
import com.llmlogprocessor.store.blob.BlobArchive;
import com.llmlogprocessor.traffic.CallSpec;
import com.llmlogprocessor.traffic.Delivery;
import com.llmlogprocessor.traffic.GeneratedCall;
import com.llmlogprocessor.traffic.SensitiveSample;
import com.llmlogprocessor.traffic.Size;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CONTENT_MODE through the real stores: in {@code redacted} mode no PII or secret value appears in
 * any stored document or content blob; in {@code metadata} mode no prompt or response text does.
 * Flags still say what was found, without the values.
 */
class ContentModeIT {
    private static final List<SensitiveSample> SAMPLES = new ArrayList<>();

    static {
        SAMPLES.addAll(SensitiveSample.PII);
        SAMPLES.addAll(SensitiveSample.SECRETS);
    }

    /** The sensitive value inside each sample sentence (what must never be stored). */
    private static final Pattern VALUE = Pattern.compile(
            "[\\w.]+@[\\w.]+|\\+1 \\(425\\) 555-0100|4111 1111 1111 1111|DE89 3704 0044 0532 0130 00|536-22-1234"
                    + "|203\\.0\\.113\\.77|sk-proj-\\w+|AKIA\\w+|ghp_\\w+|eyJ[\\w.-]+|MIIEow\\w+|AccountKey=[^;]+");

    private static List<GeneratedCall> ingest(AppContext app, long seed) {
        TrafficGenerator gen = new TrafficGenerator(seed);
        List<GeneratedCall> calls = new ArrayList<>();
        for (SensitiveSample s : SAMPLES) {
            CallSpec.Builder b = CallSpec.builder().size(Size.SMALL);
            calls.add(gen.call((s.category().equals("pii") ? b.piiText(s.text()) : b.secretText(s.text())).build()));
        }
        calls.add(gen.call(CallSpec.builder().size(Size.LARGE).piiText(SAMPLES.get(0).text())
                .secretText(SAMPLES.get(6).text()).build()));
        List<EventBody> events = new ArrayList<>();
        long seq = 0;
        for (String body : gen.bodies(calls, Delivery.inOrder())) {
            events.add(new EventBody(body, "modes", seq++, Instant.now()));
        }
        app.pipeline().ingest(events);
        return calls;
    }

    private static String storedText(AppContext app, BlobContainerClient content, GeneratedCall call) {
        ObjectNode doc = app.conversations().read(call.correlationId()).orElseThrow().document();
        ObjectNode withoutCaller = doc.deepCopy();
        withoutCaller.remove("caller"); // the caller's IP address is metadata kept on purpose
        StringBuilder all = new StringBuilder(withoutCaller.toString());
        for (String name : List.of(ContentStore.requestName(call.correlationId()), ContentStore.responseName(call.correlationId()))) {
            if (content.getBlobClient(name).exists()) {
                all.append(new String(content.getBlobClient(name).downloadContent().toBytes(), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    @Test
    void givenRedactedMode_thenNoSensitiveValueIsStoredAndFlagsNameWhatWasFound() {
        AppContext app = LocalApp.start(Emulators.shared(),
                Map.of(Settings.COSMOS_DATABASE, "modes-redacted", Settings.CONTENT_MODE, "redacted"), Clock.systemUTC());
        BlobContainerClient content = AzureClients.blob(app.settings()).getBlobContainerClient(BlobArchive.CONTENT_CONTAINER);
        List<GeneratedCall> calls = ingest(app, 5);
        for (int i = 0; i < calls.size(); i++) {
            GeneratedCall call = calls.get(i);
            String stored = storedText(app, content, call);
            assertThat(VALUE.matcher(stored).results().map(m -> m.group()).toList())
                    .as("sensitive values stored for call %d", i).isEmpty();
            ObjectNode doc = app.conversations().read(call.correlationId()).orElseThrow().document();
            assertThat(doc.get("contentMode").asText()).isEqualTo("redacted");
            if (i < SAMPLES.size()) {
                SensitiveSample s = SAMPLES.get(i);
                assertThat(doc.get("flags").toString()).as("flags of call %d", i)
                        .contains("\"category\":\"" + s.category() + "\",\"type\":\"" + s.type() + "\"");
                assertThat(stored).contains("[" + s.type().toUpperCase() + "]");
            }
        }
        ObjectNode large = app.conversations().read(calls.get(calls.size() - 1).correlationId()).orElseThrow().document();
        assertThat(large.at("/response/archived").asBoolean() || large.at("/request/archived").asBoolean()).isTrue();
    }

    @Test
    void givenMetadataMode_thenNoPromptOrResponseTextIsStored() {
        AppContext app = LocalApp.start(Emulators.shared(),
                Map.of(Settings.COSMOS_DATABASE, "modes-metadata", Settings.CONTENT_MODE, "metadata"), Clock.systemUTC());
        BlobContainerClient content = AzureClients.blob(app.settings()).getBlobContainerClient(BlobArchive.CONTENT_CONTAINER);
        List<GeneratedCall> calls = ingest(app, 6);
        for (GeneratedCall call : calls) {
            ObjectNode doc = app.conversations().read(call.correlationId()).orElseThrow().document();
            assertThat(doc.at("/request/messages").isMissingNode()).isTrue();
            assertThat(doc.at("/response/messages").isMissingNode()).isTrue();
            assertThat(doc.at("/request/preview").isMissingNode()).isTrue();
            assertThat(doc.at("/question/text").isMissingNode()).isTrue();
            assertThat(doc.at("/request/messageCount").asInt()).isPositive();
            assertThat(doc.get("flags")).isNotEmpty();
            String stored = storedText(app, content, call);
            String userText = call.requestMessages().get(call.requestMessages().size() - 1).path("content").toString();
            for (String word : userText.replaceAll("[^A-Za-z ]", " ").split(" +")) {
                if (word.length() >= 12) {
                    assertThat(stored).as("a word of the prompt").doesNotContain(word);
                }
            }
            assertThat(VALUE.matcher(stored).find()).isFalse();
        }
    }
}
