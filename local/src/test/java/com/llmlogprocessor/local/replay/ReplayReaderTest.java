package com.llmlogprocessor.local.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmlogprocessor.local.replay.ReplayReader.Body;
import com.llmlogprocessor.local.replay.ReplayReader.LineKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayReaderTest {
    static final String RECORD = "{\"time\":\"2026-03-04T10:15:30.1234567Z\",\"category\":\"GatewayLlmLogs\","
            + "\"correlationId\":\"c1\",\"properties\":{\"sequenceNumber\":0,\"records\":\"nested, not top level\"}}";

    @TempDir
    Path dir;

    @Test
    void givenLines_thenClassifiedAsBodiesOrRecords() {
        assertThat(ReplayReader.classify("{\"records\":[" + RECORD + "]}")).isEqualTo(LineKind.BODY);
        assertThat(ReplayReader.classify("{\"Records\":[]}")).isEqualTo(LineKind.BODY);
        assertThat(ReplayReader.classify("[" + RECORD + "," + RECORD + "]")).isEqualTo(LineKind.BODY);
        assertThat(ReplayReader.classify(RECORD)).isEqualTo(LineKind.RECORD);
        assertThat(ReplayReader.classify("  " + RECORD + "  ")).isEqualTo(LineKind.RECORD);
        // a records key after other keys is still an envelope
        assertThat(ReplayReader.classify("{\"x\":{\"a\":[1,2]},\"records\":[]}")).isEqualTo(LineKind.BODY);
        // garbage: one body each, for ingest to dead-letter
        assertThat(ReplayReader.classify("Service Unavailable")).isEqualTo(LineKind.BODY);
        assertThat(ReplayReader.classify("{\"records\":[{\"time\":\"2026")).isEqualTo(LineKind.BODY);
        assertThat(ReplayReader.classify("{\"time\":\"2026")).isEqualTo(LineKind.BODY);
        assertThat(ReplayReader.classify(RECORD + RECORD)).isEqualTo(LineKind.BODY);
        assertThat(ReplayReader.classify("   ")).isEqualTo(LineKind.BLANK);
    }

    @Test
    void givenEventHubBodiesFile_thenOneBodyPerLine_numberedByLine() throws IOException {
        String env = "{\"records\":[" + RECORD + "]}";
        List<Body> bodies = read(env + "\n\n[" + RECORD + "]\nnot json\n");
        assertThat(bodies).extracting(Body::firstLine).containsExactly(1L, 3L, 4L);
        assertThat(bodies).extracting(Body::text).containsExactly(env, "[" + RECORD + "]", "not json");
    }

    @Test
    void givenArchiveJsonLines_thenConsecutiveRecordsGroupedIntoJsonLinesBodies() throws IOException {
        String garbage = "{\"time\":\"trunc";
        List<Body> bodies = read("\uFEFF" + RECORD + "\n" + RECORD + "\r\n" + RECORD + "\n" + garbage + "\n" + RECORD + "\n");
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(0).records()).isEqualTo(3);
        assertThat(bodies.get(0).firstLine()).isEqualTo(1);
        assertThat(bodies.get(0).text()).isEqualTo(RECORD + "\n" + RECORD + "\n" + RECORD + "\n");
        assertThat(bodies.get(1).text()).isEqualTo(garbage);
        assertThat(bodies.get(1).firstLine()).isEqualTo(4);
        assertThat(bodies.get(2).firstLine()).isEqualTo(5);
    }

    @Test
    void givenManyRecords_thenBodiesCappedAt500Records() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1_201; i++) {
            sb.append(RECORD).append('\n');
        }
        List<Body> bodies = read(sb.toString());
        assertThat(bodies).extracting(Body::records).containsExactly(500, 500, 201);
        assertThat(bodies).extracting(Body::firstLine).containsExactly(1L, 501L, 1001L);
    }

    @Test
    void givenAFolder_thenReplayableFilesSortedRecursively() throws IOException {
        Path hour = Files.createDirectories(dir.resolve("insights-logs-gatewayllmlogs/y=2026/m=03/d=04/h=10/m=00"));
        Files.writeString(hour.resolve("PT1H.json"), RECORD);
        Files.writeString(dir.resolve("b.ndjson"), RECORD);
        Files.writeString(dir.resolve("a.jsonl"), RECORD);
        Files.writeString(dir.resolve("notes.txt"), "x");
        ReplayFiles.Found found = ReplayFiles.discover(dir);
        assertThat(found.files()).containsExactly(dir.resolve("a.jsonl"), dir.resolve("b.ndjson"), hour.resolve("PT1H.json"));
        assertThat(ReplayFiles.discover(dir.resolve("nope")).skipped()).hasSize(1);
    }

    @Test
    void givenTheSameFile_thenTheSamePartitionId_andAnotherFileAnother() {
        String a = Replayer.partitionIdFor(Path.of("/x/y=1/PT1H.json"));
        assertThat(Replayer.partitionIdFor(Path.of("/x/y=1/PT1H.json"))).isEqualTo(a);
        assertThat(Replayer.partitionIdFor(Path.of("/x/y=2/PT1H.json"))).isNotEqualTo(a);
        assertThat(a).startsWith("replay-PT1H.json-").matches("[A-Za-z0-9_.-]+");
    }

    private static List<Body> read(String text) throws IOException {
        List<Body> out = new ArrayList<>();
        ReplayReader.read(new BufferedReader(new StringReader(text)), out::add);
        return out;
    }
}
