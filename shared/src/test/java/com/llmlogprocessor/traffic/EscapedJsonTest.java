package com.llmlogprocessor.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscapedJsonTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static ArrayNode messages(String text) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.addObject().put("role", "user").put("content", text);
        return a;
    }

    @Test
    void givenNonAsciiText_thenUpperHexMatchesJacksonEscapeNonAscii() throws Exception {
        // DEL is left out: Jackson writes it raw, the gateway (and we) escape everything above 0x7E
        ArrayNode tree = messages("café 日本語 😀 \"q\" back\\slash\nnew\ttab \u0001 \u2028 </script> a+b");
        ObjectMapper escaping = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

        String ours = EscapedJson.write(tree, EscapeStyle.UPPER_HEX);

        assertThat(ours).isEqualTo(escaping.writeValueAsString(tree));
        assertThat(ours).contains("\\uD83D\\uDE00").contains("\\u65E5").contains("caf\\u00E9");
        assertThat(EscapedJson.write(messages("\u007F"), EscapeStyle.UPPER_HEX)).contains("\\u007F");
        assertThat(ours.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    @Test
    void givenEachStyle_thenJacksonParsesBackToTheSameTree() throws Exception {
        ArrayNode tree = messages("naïve 🇩🇪 👨‍👩‍👧 'x' <b> & `y` + \"z\" \\ \u0000 \r\n ");
        for (EscapeStyle style : EscapeStyle.values()) {
            String json = EscapedJson.write(tree, style);
            assertThat(PLAIN.readTree(json)).as(style.name()).isEqualTo(tree);
            assertThat(json.length()).isEqualTo(EscapedJson.write(messages(""), style).length()
                    + EscapedJson.escapedLength(tree.get(0).get("content").textValue(), style));
        }
        assertThat(EscapedJson.write(tree, EscapeStyle.LOWER_HEX)).contains("\\ud83c\\udde9");
        assertThat(EscapedJson.write(tree, EscapeStyle.DOTNET_HTML_SAFE))
                .contains("\\u0022z\\u0022").contains("\\u0027x\\u0027").contains("\\u003Cb\\u003E").contains("\\u002B");
    }

    @Test
    void givenCutsAtKnownPlaces_thenTheyAreClassified() {
        // [{"c":"a\"b\u00E9\uD83D\uDE00"}]
        String json = "[{\"c\":\"a\\\"b\\u00E9\\uD83D\\uDE00\"}]";
        int quoteEscape = json.indexOf("\\\"");
        int eAcute = json.indexOf("\\u00E9");
        int low = json.indexOf("\\uDE00");

        List<CutKind> kinds = EscapedJson.classifyCuts(json,
                new int[] {3, quoteEscape + 1, eAcute + 1, eAcute + 2, eAcute + 5, eAcute + 6, low, low + 3});

        assertThat(kinds).containsExactly(CutKind.PLAIN, CutKind.AFTER_BACKSLASH, CutKind.AFTER_BACKSLASH,
                CutKind.INSIDE_UNICODE_ESCAPE, CutKind.INSIDE_UNICODE_ESCAPE, CutKind.PLAIN,
                CutKind.BETWEEN_SURROGATE_ESCAPES, CutKind.INSIDE_UNICODE_ESCAPE);
    }

    @Test
    void givenEscapedBackslashBeforeU_thenItIsNotTakenForAUnicodeEscape() {
        // the text is: \u00E9 literally (backslash, u, 0, 0, E, 9), escaped as \\u00E9
        String json = EscapedJson.write(messages("\\u00E9"), EscapeStyle.UPPER_HEX);
        int at = json.indexOf("\\\\u") + 3;

        assertThat(EscapedJson.classifyCuts(json, new int[] {at})).containsExactly(CutKind.PLAIN);
        JsonNode back = readTree(json);
        assertThat(back.get(0).get("content").textValue()).isEqualTo("\\u00E9");
    }

    private static JsonNode readTree(String json) {
        try {
            return PLAIN.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
