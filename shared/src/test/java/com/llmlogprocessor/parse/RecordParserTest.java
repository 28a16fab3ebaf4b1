package com.llmlogprocessor.parse;

import static com.llmlogprocessor.testdata.RecordTestData.envelope;
import static com.llmlogprocessor.testdata.RecordTestData.fragment;
import static com.llmlogprocessor.testdata.RecordTestData.gateway;
import static com.llmlogprocessor.testdata.RecordTestData.meta;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordParserTest {
    private final RecordParser parser = new RecordParser();

    @Test
    void givenEnvelope_thenLlmAndGatewayRecordsAreTyped() {
        ParsedBody b = parser.parse(envelope(List.of(meta("c1", "gpt-4o", 10, 5), fragment("c1", 1, "requestMessages", "[{\"ro"),
                gateway("c1", 200))));
        assertThat(b.llmRecords()).hasSize(2);
        assertThat(b.gatewayRecords()).hasSize(1);
        GatewayLlmRecord m = b.llmRecords().get(0);
        assertThat(m.correlationId()).isEqualTo("c1");
        assertThat(m.sequenceNumber()).isZero();
        assertThat(m.modelName()).isEqualTo("gpt-4o");
        assertThat(m.promptTokens()).isEqualTo(10L);
        assertThat(m.time()).isEqualTo(Instant.parse("2026-12-04T10:15:30.1234567Z"));
        assertThat(b.llmRecords().get(1).requestMessages()).isEqualTo("[{\"ro");
        GatewayLogRecord g = b.gatewayRecords().get(0);
        assertThat(g.subscriptionId()).isEqualTo("sub-team-a");
        assertThat(g.ipAddress()).isEqualTo("203.0.113.7");
        assertThat(g.responseCode()).isEqualTo(200);
        assertThat(g.durationMs()).isEqualTo(812L);
        assertThat(b.hasProblems()).isFalse();
    }

    @Test
    void givenBareArraySingleRecordAndJsonLines_thenAllParse() {
        ObjectNode a = meta("c1", "gpt-4o", 1, 1);
        ObjectNode b = fragment("c1", 1, "requestMessages", "x");
        assertThat(parser.parse("[" + a + "," + b + "]").llmRecords()).hasSize(2);
        assertThat(parser.parse(a.toString()).llmRecords()).hasSize(1);
        assertThat(parser.parse(a + "\n" + b + "\n").llmRecords()).hasSize(2);
        assertThat(parser.parse(a + "\r\n" + b).llmRecords()).hasSize(2);
    }

    @Test
    void givenPascalCaseAndCorrelationIdInsideProperties_thenSameRecord() {
        String json = """
                {"Time":"2026-12-04T10:15:30.1234567Z","Category":"GatewayLlmLogs",
                 "Properties":{"CorrelationId":"c9","SequenceNumber":"2","ResponseMessages":"ab\\\\u00","PromptTokens":7}}""";
        GatewayLlmRecord r = parser.parse(json).llmRecords().get(0);
        assertThat(r.correlationId()).isEqualTo("c9");
        assertThat(r.sequenceNumber()).isEqualTo(2);
        assertThat(r.responseMessages()).isEqualTo("ab\\u00");
        assertThat(r.promptTokens()).isEqualTo(7L);
    }

    @Test
    void givenAzureDiagnosticsSuffixedColumns_thenRead() {
        String json = """
                {"time":"2026-12-04T10:15:30Z","category":"GatewayLlmLogs","correlationId":"c2",
                 "sequenceNumber_d":0,"modelName_s":"gpt-4o","promptTokens_d":12.0,"requestId_s":"r"}""";
        GatewayLlmRecord r = parser.parse(json).llmRecords().get(0);
        assertThat(r.modelName()).isEqualTo("gpt-4o");
        assertThat(r.promptTokens()).isEqualTo(12L);
    }

    @Test
    void givenPropertiesAsJsonString_thenParsed() {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("category", "GatewayLlmLogs");
        r.put("correlationId", "c3");
        r.put("properties", "{\"sequenceNumber\":1,\"requestMessages\":\"[]\"}");
        assertThat(parser.parse(r.toString()).llmRecords().get(0).requestMessages()).isEqualTo("[]");
    }

    @Test
    void givenOtherCategories_thenCountedAndSkipped() {
        ObjectNode ws = Json.MAPPER.createObjectNode().put("category", "WebSocketConnectionLogs").put("correlationId", "w");
        ParsedBody b = parser.parse(envelope(List.of(ws, meta("c1", "m", 1, 1))));
        assertThat(b.otherCategoryRecords()).isEqualTo(1);
        assertThat(b.llmRecords()).hasSize(1);
        assertThat(b.hasProblems()).isFalse();
    }

    @Test
    void givenGarbage_thenUndecodableWithReason() {
        assertThat(parser.parse("{\"records\":[{\"category\":").undecodable()).startsWith("not valid JSON");
        assertThat(parser.parse("\u0000\u0001binary").undecodable()).startsWith("not valid JSON");
        assertThat(parser.parse("").undecodable()).isEqualTo("empty body");
        ParsedBody b = parser.parse("{\"records\":\"oops\"}");
        assertThat(b.problems()).containsExactly("'records' is a string, not an array");
        assertThat(parser.parse("42").problems()).hasSize(1);
    }

    @Test
    void givenRecordsBeforeABreak_thenTheyAreKeptAndTheBodyIsFlagged() {
        String body = "{\"records\":[" + meta("c1", "m", 1, 1) + ",{\"category\":\"GatewayLlmLogs\",";
        ParsedBody b = parser.parse(body);
        assertThat(b.llmRecords()).hasSize(1);
        assertThat(b.undecodable()).isNotNull();
    }

    @Test
    void givenJsonLinesWithOneBrokenLine_thenOtherLinesSurvive() {
        String body = meta("c1", "m", 1, 1) + "\n{broken\n" + fragment("c1", 1, "requestMessages", "[]");
        ParsedBody b = parser.parse(body);
        assertThat(b.llmRecords()).extracting(GatewayLlmRecord::sequenceNumber).containsExactly(0, 1);
        assertThat(b.problems()).singleElement().asString().startsWith("line 2:");
    }

    @Test
    void givenRecordsWithoutIdsOrWithBadFields_thenRejectedWithReasonAndNoContent() {
        ObjectNode noId = fragment("x", 1, "requestMessages", "secret text");
        noId.remove("correlationId");
        ObjectNode badSeq = fragment("c1", 1, "requestMessages", "x");
        ((ObjectNode) badSeq.get("properties")).put("sequenceNumber", "one");
        ObjectNode slash = fragment("a/b", 1, "requestMessages", "x");
        ParsedBody b = parser.parse(envelope(List.of(noId, badSeq, slash, meta("ok", "m", 1, 1))));
        assertThat(b.llmRecords()).hasSize(1);
        assertThat(b.problems()).hasSize(3).noneMatch(p -> p.contains("secret text"));
        assertThat(b.problems().get(0)).contains("without correlationId");
    }

    @Test
    void givenProbeRow_thenRecognised() {
        ObjectNode probe = meta("p", "", 0, 0);
        ((ObjectNode) probe.get("properties")).put("requestId", "");
        assertThat(parser.parse(probe.toString()).llmRecords().get(0).isProbeRow()).isTrue();
        assertThat(parser.parse(meta("q", "gpt-4o", 0, 0).toString()).llmRecords().get(0).isProbeRow()).isFalse();
    }

    @Test
    void givenEmptyFragment_thenKeptAsEmptyString() {
        GatewayLlmRecord r = parser.parse(fragment("c", 3, "responseMessages", "").toString()).llmRecords().get(0);
        assertThat(r.responseMessages()).isEmpty();
        assertThat(r.hasMessages()).isFalse();
    }
}
