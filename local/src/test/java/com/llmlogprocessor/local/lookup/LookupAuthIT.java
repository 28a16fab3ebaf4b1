package com.llmlogprocessor.local.lookup;

import static com.llmlogprocessor.local.lookup.LookupSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.local.LocalApp;
import com.llmlogprocessor.local.emulator.Emulators;
import com.llmlogprocessor.query.Access;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With App Service authentication on, app roles from X-MS-CLIENT-PRINCIPAL decide what is shown. */
class LookupAuthIT {
    private static final String ID = "auth-conv-1";

    @BeforeAll
    static void start() {
        LocalApp.start(Emulators.shared(), Map.of(Settings.COSMOS_DATABASE, "lookup-auth-" + UUID.randomUUID(),
                Settings.WEBSITE_AUTH_ENABLED, "true"), Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));
        ObjectNode d = Json.MAPPER.createObjectNode();
        d.put("id", ID).put("correlationId", ID).put("status", "complete").put("timestamp", "2026-05-01T10:00:00.0000000Z")
                .put("day", "2026-05-01").put("model", "gpt-4o");
        d.putObject("request").putArray("messages").addObject().put("role", "user").put("content", "my secret question");
        d.putObject("response").putArray("messages").addObject().put("role", "assistant").put("content", "the answer");
        d.putObject("question").put("text", "my secret question").put("fingerprint", "fp-secret").put("simhash", 7L);
        d.putObject("tokens").put("prompt", 5).put("completion", 3).put("total", 8).put("cachedPrompt", 0).put("source", "gateway");
        LookupSupport.conversations().upsertItem(d, new PartitionKey(ID), new CosmosItemRequestOptions());
    }

    private static Map<String, String> principal(String... roles) {
        StringBuilder claims = new StringBuilder();
        for (String r : roles) {
            claims.append(claims.isEmpty() ? "" : ",").append("{\"typ\":\"roles\",\"val\":\"").append(r).append("\"}");
        }
        String json = "{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"name\",\"val\":\"someone\"}" + (claims.isEmpty() ? "" : ",") + claims + "]}";
        return Map.of("X-MS-CLIENT-PRINCIPAL", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void givenNoReadRole_then403OnEveryDataRoute() {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), principal(), principal(Access.READ_CONTENT),
                principal("LlmLogs.Admin"))) {
            for (String url : List.of("/api/conversations/" + ID, "/api/conversations", "/api/usage?groupBy=model",
                    "/api/questions/top")) {
                assertThat(get(url, headers).status()).as(url + " " + headers.keySet()).isEqualTo(403);
                assertThat(get(url, headers).body().path("error").asText()).contains(Access.READ);
            }
        }
    }

    @Test
    void givenReadOnly_thenMetadataWithoutTexts() {
        Map<String, String> read = principal(Access.READ);
        JsonNode doc = get("/api/conversations/" + ID, read).expect(200).body();
        assertThat(doc.at("/request/messages").isMissingNode()).isTrue();
        assertThat(doc.at("/response/messages").isMissingNode()).isTrue();
        assertThat(doc.at("/question/text").isMissingNode()).isTrue();
        assertThat(doc.at("/tokens/total").asInt()).isEqualTo(8);
        assertThat(doc.toString()).doesNotContain("secret question", "the answer");

        JsonNode list = get("/api/conversations", read).expect(200).body();
        assertThat(list.path("items")).hasSize(1);
        assertThat(list.toString()).doesNotContain("secret question");
        JsonNode top = get("/api/questions/top", read).expect(200).body();
        assertThat(top.at("/items/0/count").asInt()).isEqualTo(1);
        assertThat(top.toString()).doesNotContain("secret question");
        assertThat(get("/api/usage?groupBy=model", read).expect(200).body().path("rows")).isNotNull();
    }

    @Test
    void givenReadAndReadContent_thenTexts() {
        Map<String, String> both = principal(Access.READ, Access.READ_CONTENT);
        JsonNode doc = get("/api/conversations/" + ID, both).expect(200).body();
        assertThat(doc.at("/request/messages/0/content").asText()).isEqualTo("my secret question");
        assertThat(doc.at("/response/messages/0/content").asText()).isEqualTo("the answer");
        assertThat(doc.at("/question/text").asText()).isEqualTo("my secret question");
        assertThat(get("/api/conversations", both).expect(200).body().at("/items/0/question/text").asText())
                .isEqualTo("my secret question");
        assertThat(get("/api/questions/top", both).expect(200).body().at("/items/0/question").asText())
                .isEqualTo("my secret question");
        // content=false still wins
        assertThat(get("/api/conversations/" + ID + "?content=false", both).expect(200).body().at("/request/messages")
                .isMissingNode()).isTrue();
    }

    @Test
    void givenHealth_thenAnonymousAndNoRolesNeeded() {
        assertThat(get("/api/health").expect(200).body().path("status").asText()).isEqualTo("ok");
    }
}
