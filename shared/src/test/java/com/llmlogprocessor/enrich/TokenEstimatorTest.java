package com.llmlogprocessor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.llmlogprocessor.conversation.ChatText;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

    private final TokenEstimator estimator = new TokenEstimator();

    private static final List<ChatText> CHAT = List.of(
            new ChatText("system", "You are a helpful assistant that answers in French."),
            new ChatText("user", "How many tokens is this? Ünïcødé, 日本語, emoji 🚀 and <|endoftext|> too."),
            new ChatText("assistant", "Environ vingt."),
            new ChatText("user", "Merci!"));

    /** The chat format counted by hand with jtokkit: per message 3 framing tokens + role + content, plus 3 for the reply. */
    private static int chatFormatted(EncodingType type, List<ChatText> messages) {
        Encoding enc = Encodings.newDefaultEncodingRegistry().getEncoding(type);
        int n = 3;
        for (ChatText m : messages) {
            n += 3 + enc.encodeOrdinary(m.role()).size() + enc.encodeOrdinary(m.text()).size();
        }
        return n;
    }

    @Test
    void givenChatForGpt4o_thenPromptEstimateEqualsJtokkitCountOfChatFormat() {
        assertThat(estimator.countPrompt("gpt-4o-2024-08-06", CHAT)).isEqualTo(chatFormatted(EncodingType.O200K_BASE, CHAT));
    }

    @Test
    void givenChatForGpt35_thenCl100kIsUsed() {
        assertThat(estimator.countPrompt("gpt-35-turbo", CHAT)).isEqualTo(chatFormatted(EncodingType.CL100K_BASE, CHAT));
        assertThat(chatFormatted(EncodingType.CL100K_BASE, CHAT)).isNotEqualTo(chatFormatted(EncodingType.O200K_BASE, CHAT));
    }

    @Test
    void givenHelloWorld_thenKnownCount() {
        // "user" = 1 token, "hello world" = 2 tokens in cl100k_base: 3 + (3 + 1 + 2)
        assertThat(estimator.countPrompt("gpt-4", List.of(new ChatText("user", "hello world")))).isEqualTo(9);
        assertThat(estimator.countCompletion("gpt-4", List.of(new ChatText("assistant", "hello world")))).isEqualTo(2);
        assertThat(estimator.countPrompt("gpt-4o", List.of())).isEqualTo(3);
    }

    @Test
    void givenModelNames_thenEncodingPerFamily() {
        assertThat(TokenEstimator.encodingFor("gpt-4o-mini")).isEqualTo("o200k_base");
        assertThat(TokenEstimator.encodingFor("gpt-4.1-mini-2025-04-14")).isEqualTo("o200k_base");
        assertThat(TokenEstimator.encodingFor("gpt-5")).isEqualTo("o200k_base");
        assertThat(TokenEstimator.encodingFor("o3-mini")).isEqualTo("o200k_base");
        assertThat(TokenEstimator.encodingFor("o4-mini")).isEqualTo("o200k_base");
        assertThat(TokenEstimator.encodingFor("o1")).isEqualTo("o200k_base");
        assertThat(TokenEstimator.encodingFor("gpt-4")).isEqualTo("cl100k_base");
        assertThat(TokenEstimator.encodingFor("gpt-4-32k-0613")).isEqualTo("cl100k_base");
        assertThat(TokenEstimator.encodingFor("gpt-4-turbo-2024-04-09")).isEqualTo("cl100k_base");
        assertThat(TokenEstimator.encodingFor("gpt-3.5-turbo")).isEqualTo("cl100k_base");
        assertThat(TokenEstimator.encodingFor("text-embedding-3-large")).isEqualTo("cl100k_base");
        assertThat(TokenEstimator.encodingFor("some-new-model")).isEqualTo("o200k_base");
        assertThat(TokenEstimator.encodingFor(null)).isEqualTo("o200k_base");
    }
}
