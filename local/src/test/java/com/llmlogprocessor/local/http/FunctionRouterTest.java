package com.llmlogprocessor.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmlogprocessor.json.Json;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionRouterTest {

    /** Shaped like the real lookup functions. */
    public static class SampleFunctions {
        @FunctionName("getThing")
        public HttpResponseMessage get(
                @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.FUNCTION,
                        route = "things/{thingId}") HttpRequestMessage<Optional<String>> request,
                @BindingName("thingId") String thingId,
                ExecutionContext context) {
            context.getLogger().info("get " + thingId);
            return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "application/json")
                    .body("{\"id\":\"" + thingId + "\",\"q\":\"" + request.getQueryParameters().getOrDefault("q", "")
                            + "\",\"fn\":\"" + context.getFunctionName() + "\"}")
                    .build();
        }

        @FunctionName("topThings")
        public HttpResponseMessage top(
                @HttpTrigger(name = "req", methods = {HttpMethod.GET}, route = "things/top")
                HttpRequestMessage<Optional<String>> request) {
            return request.createResponseBuilder(HttpStatus.OK).body("{\"top\":true}").build();
        }

        @FunctionName("echo")
        public HttpResponseMessage echo(
                @HttpTrigger(name = "req", methods = {HttpMethod.POST}) HttpRequestMessage<String> request,
                @BindingName("n") int n) {
            return request.createResponseBuilder(HttpStatus.ACCEPTED).body(Map.of("body", request.getBody(), "n", n)).build();
        }

        @FunctionName("boom")
        public HttpResponseMessage boom(
                @HttpTrigger(name = "req", route = "boom") HttpRequestMessage<Optional<String>> request) {
            throw new IllegalStateException("kaput");
        }

        @FunctionName("notHttp")
        public void timer(String timerInfo) {
        }
    }

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final FunctionRouter router = FunctionRouter.of(List.of(SampleFunctions.class), new PrintStream(log, true));

    @Test
    void givenAnnotatedMethods_thenRoutesDiscovered_specificFirst() {
        assertThat(router.routes()).extracting(FunctionRouter.Route::functionName)
                .containsExactly("topThings", "getThing", "boom", "echo");
        assertThat(router.routes().get(1).describe()).isEqualTo("GET /api/things/{thingId}");
    }

    @Test
    void givenPathParameter_thenBoundThroughBindingName_withQueryAndContext() throws Exception {
        FunctionRouter.Response r = router.handle("GET", URI.create("/api/things/a%20b?q=x%26y"), Map.of(), null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("id").asText()).isEqualTo("a b");
        assertThat(body.get("q").asText()).isEqualTo("x&y");
        assertThat(body.get("fn").asText()).isEqualTo("getThing");
        assertThat(log.toString()).contains("[getThing] INFO get a b");
    }

    @Test
    void givenLiteralAndParameterRoutes_thenLiteralWins() {
        assertThat(router.handle("GET", URI.create("/api/things/top"), Map.of(), null).bodyText()).isEqualTo("{\"top\":true}");
    }

    @Test
    void givenNoRouteOrWrongMethod_then404or405Json() throws Exception {
        FunctionRouter.Response missing = router.handle("GET", URI.create("/api/nothing/here"), Map.of(), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers().get("Content-Type")).startsWith("application/json");
        assertThat(Json.MAPPER.readTree(missing.body()).get("error").asText()).contains("/api/nothing/here");
        assertThat(router.handle("GET", URI.create("/things/x"), Map.of(), null).status()).isEqualTo(404);

        FunctionRouter.Response wrong = router.handle("DELETE", URI.create("/api/things/x"), Map.of(), null);
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.headers().get("Allow")).isEqualTo("GET");
        assertThat(Json.MAPPER.readTree(wrong.body()).has("error")).isTrue();
    }

    @Test
    void givenDefaultRouteAndStringBody_thenFunctionNameRouteAndPojoAsJson() throws Exception {
        FunctionRouter.Response r = router.handle("POST", URI.create("/api/echo?n=3"), Map.of(), "hello");
        assertThat(r.status()).isEqualTo(202);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("body").asText()).isEqualTo("hello");
        assertThat(body.get("n").asInt()).isEqualTo(3);
        assertThat(router.handle("POST", URI.create("/api/echo?n=x"), Map.of(), "").status()).isEqualTo(400);
    }

    @Test
    void givenAFunctionThrows_then500JsonWithoutDetails() throws Exception {
        FunctionRouter.Response r = router.handle("GET", URI.create("/api/boom"), Map.of(), null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).contains("boom").doesNotContain("kaput");
    }

    @Test
    void givenTheFunctionsModule_thenItsClassesAreScanned() {
        assertThat(FunctionRouter.functionClasses()).extracting(Class::getSimpleName)
                .contains("IngestFunction", "SweepFunction", "AppContext");
    }
}
