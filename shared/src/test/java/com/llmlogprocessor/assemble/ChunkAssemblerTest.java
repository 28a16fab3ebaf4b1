package com.llmlogprocessor.assemble;

import static com.llmlogprocessor.testdata.RecordTestData.cutAt;
import static com.llmlogprocessor.testdata.RecordTestData.envelope;
import static com.llmlogprocessor.testdata.RecordTestData.fragment;
import static com.llmlogprocessor.testdata.RecordTestData.meta;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.conversation.ChatText;
import com.llmlogprocessor.conversation.MessageText;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import com.llmlogprocessor.parse.RecordParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkAssemblerTest {
    // "Grüße 😀" escaped the way APIM logs it: non-ASCII as \\uXXXX, the emoji as a surrogate pair.
    private static final String REQUEST =
            "[{\"role\":\"system\",\"content\":\"Be \\\"brief\\\"\\n\"},{\"role\":\"user\",\"content\":\"Gr\\u00FC\\u00DFe \\uD83D\\uDE00 \\\\ done\"}]";
    private static final String RESPONSE = "{\"role\":\"assistant\",\"content\":\"Hallo \\uD83D\\uDE00\"}";

    private final RecordParser parser = new RecordParser();
    private final ChunkAssembler assembler = new ChunkAssembler();

    private AssembledCall assemble(List<ObjectNode> records) {
        CallPieces pieces = new CallPieces("c1");
        for (GatewayLlmRecord r : parser.parse(envelope(records)).llmRecords()) {
            pieces.add(r);
        }
        return assembler.assemble(pieces);
    }

    private static List<ObjectNode> call(List<String> requestPieces, List<String> responsePieces) {
        List<ObjectNode> out = new ArrayList<>();
        out.add(meta("c1", "gpt-4o", 10, 5));
        int seq = 1;
        for (String p : requestPieces) {
            out.add(fragment("c1", seq++, "requestMessages", p));
        }
        for (String p : responsePieces) {
            out.add(fragment("c1", seq++, "responseMessages", p));
        }
        return out;
    }

    private static void assertExact(AssembledCall call) {
        assertThat(call.isComplete()).isTrue();
        List<ChatText> req = MessageText.of(call.requestMessages());
        assertThat(req).containsExactly(new ChatText("system", "Be \"brief\"\n"),
                new ChatText("user", "Gr\u00fc\u00dfe \uD83D\uDE00 \\ done"));
        assertThat(MessageText.of(call.responseMessages())).containsExactly(new ChatText("assistant", "Hallo \uD83D\uDE00"));
    }

    @Test
    void givenCutInsideUnicodeEscape_thenTextIsExact() {
        int at = REQUEST.indexOf("\\u00FC") + 3; // "\\u0" | "0FC"
        assertExact(assemble(call(cutAt(REQUEST, at), List.of(RESPONSE))));
    }

    @Test
    void givenCutBetweenSurrogateHalves_thenTextIsExact() {
        int at = REQUEST.indexOf("\\uDE00");
        assertExact(assemble(call(cutAt(REQUEST, at), cutAt(RESPONSE, RESPONSE.indexOf("\\uDE00")))));
    }

    @Test
    void givenCutRightAfterBackslash_thenTextIsExact() {
        int quote = REQUEST.indexOf("\\\"brief") + 1; // after the backslash of \"
        int backslash = REQUEST.indexOf("\\\\ done") + 1; // between the two backslashes of \\
        assertExact(assemble(call(cutAt(REQUEST, quote, backslash), List.of(RESPONSE))));
    }

    @Test
    void givenEveryCutPosition_thenTextIsExact() {
        for (int at = 1; at < REQUEST.length(); at++) {
            assertExact(assemble(call(cutAt(REQUEST, at), cutAt(RESPONSE, Math.min(at, RESPONSE.length() - 1)))));
        }
    }

    @Test
    void givenChunksOutOfOrderAndDuplicated_thenContentIsReassembledExactly() {
        List<ObjectNode> records = call(cutAt(REQUEST, 10, 40, 70), cutAt(RESPONSE, 5, 30));
        List<ObjectNode> shuffled = new ArrayList<>(records);
        shuffled.addAll(records.subList(2, 4));
        Collections.reverse(shuffled);
        AssembledCall c = assemble(shuffled);
        assertExact(c);
        assertThat(c.received()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(c.missing()).isEmpty();
    }

    @Test
    void givenResponseBeforeRequestInArrival_thenSameResult() {
        List<ObjectNode> records = call(cutAt(REQUEST, 50), List.of(RESPONSE));
        Collections.swap(records, 1, 3);
        assertExact(assemble(records));
    }

    @Test
    void givenMissingSequenceZero_thenNotCompleteAndZeroListedMissing() {
        List<ObjectNode> records = call(List.of(REQUEST), List.of(RESPONSE));
        records.remove(0);
        AssembledCall c = assemble(records);
        assertThat(c.isComplete()).isFalse();
        assertThat(c.missing()).containsExactly(0);
        assertThat(c.requestMessages()).isNotNull();
        assertThat(c.statusIfFinalisedNow()).isEqualTo(ConversationStatus.PARTIAL);
    }

    @Test
    void givenHoleInTheMiddle_thenPartialWithHoleListed() {
        List<ObjectNode> records = call(cutAt(REQUEST, 20, 60), List.of(RESPONSE));
        records.remove(2);
        AssembledCall c = assemble(records);
        assertThat(c.missing()).containsExactly(2);
        assertThat(c.requestMessages()).isNull();
        assertThat(c.requestUnparseable()).isTrue();
        assertThat(c.statusIfFinalisedNow()).isEqualTo(ConversationStatus.PARTIAL);
    }

    @Test
    void givenLastResponseChunkNotYetArrived_thenNotComplete() {
        List<ObjectNode> records = call(List.of(REQUEST), cutAt(RESPONSE, 20));
        records.remove(records.size() - 1);
        AssembledCall c = assemble(records);
        assertThat(c.missing()).isEmpty();
        assertThat(c.isComplete()).isFalse();
        assertThat(c.statusIfFinalisedNow()).isEqualTo(ConversationStatus.PARTIAL);
    }

    @Test
    void givenNoResponseAtAll_thenNoResponseWhenFinalised() {
        AssembledCall c = assemble(call(List.of(REQUEST), List.of()));
        assertThat(c.isComplete()).isFalse();
        assertThat(c.statusIfFinalisedNow()).isEqualTo(ConversationStatus.NO_RESPONSE);
    }

    @Test
    void givenEmptyFragments_thenIgnored() {
        AssembledCall c = assemble(call(List.of(REQUEST.substring(0, 30), "", REQUEST.substring(30)), List.of(RESPONSE, "")));
        assertExact(c);
    }

    @Test
    void givenContentParts_thenTextPartsJoinedAndImagesSkipped() {
        String req = "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}},{\"type\":\"input_text\",\"text\":\"Be short\"}]}]";
        AssembledCall c = assemble(call(cutAt(req, 33), List.of("[" + RESPONSE + "]")));
        assertThat(c.isComplete()).isTrue();
        assertThat(MessageText.of(c.requestMessages())).containsExactly(new ChatText("user", "What is this?\nBe short"));
        assertThat(c.requestMessages().get(0).get("content").get(1).get("image_url").get("url").asText())
                .isEqualTo("data:image/png;base64,AAAA");
        assertThat(c.responseMessages()).hasSize(1);
    }

    @Test
    void givenResponsesApiStringInput_thenOneUserMessage() {
        AssembledCall c = assemble(call(List.of("\"hello there\""), List.of(RESPONSE)));
        assertThat(MessageText.of(c.requestMessages())).containsExactly(new ChatText("user", "hello there"));
    }
}
