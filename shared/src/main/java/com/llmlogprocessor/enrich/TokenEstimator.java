package com.llmlogprocessor.enrich;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.llmlogprocessor.conversation.ChatText;
import java.util.List;

/**
 * Estimates token counts with a real tokenizer (jtokkit) when the gateway gave none; the document
 * then says {@code tokens.source = "estimated"}.
 *
 * <p>Prompt tokens follow the chat format of the OpenAI cookbook ("How to count tokens with
 * tiktoken"): every message costs 3 tokens of framing ({@code <|start|>role<|message|>…<|end|>})
 * plus the tokens of its role and content, and every reply is primed with 3 more. Completion
 * tokens are the tokens of the assistant text alone. Text is encoded as ordinary text: a user who
 * types {@code <|endoftext|>} gets it counted as characters, as the service does.
 *
 * <p>Encoding per model family: {@code o200k_base} for gpt-4o, gpt-4.1, gpt-4.5, gpt-5, o1, o3,
 * o4 and gpt-oss; {@code cl100k_base} for gpt-4 (incl. turbo/32k), gpt-3.5 / gpt-35 and the
 * text-embedding models; anything unknown gets {@code o200k_base}, the encoding of every current
 * model. Thread-safe; the registry loads an encoding once, on first use.
 */
public final class TokenEstimator {

    public static final int TOKENS_PER_MESSAGE = 3;
    public static final int REPLY_PRIMING_TOKENS = 3;

    // One registry per process: loading an encoding parses its BPE ranks, which is costly.
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    public int countPrompt(String model, List<ChatText> messages) {
        Encoding enc = encoding(model);
        int total = REPLY_PRIMING_TOKENS;
        for (ChatText m : messages) {
            total += TOKENS_PER_MESSAGE + enc.countTokensOrdinary(m.role()) + enc.countTokensOrdinary(m.text());
        }
        return total;
    }

    public int countCompletion(String model, List<ChatText> messages) {
        Encoding enc = encoding(model);
        int total = 0;
        for (ChatText m : messages) {
            total += enc.countTokensOrdinary(m.text());
        }
        return total;
    }

    /** Tokens of a plain text (embeddings input, Responses API strings). */
    public int countText(String model, String text) {
        return text == null ? 0 : encoding(model).countTokensOrdinary(text);
    }

    /** Name of the encoding used for {@code model}, e.g. {@code o200k_base}. */
    public static String encodingFor(String model) {
        return encodingType(model).getName();
    }

    static EncodingType encodingType(String model) {
        String m = PriceTable.normaliseModel(model);
        if (m.isEmpty()) {
            return EncodingType.O200K_BASE;
        }
        if (m.startsWith("gpt-4o") || m.startsWith("chatgpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-4.5")
                || m.startsWith("gpt-5") || m.startsWith("gpt-oss") || m.matches("o[1-9](?:-.*)?")) {
            return EncodingType.O200K_BASE;
        }
        if (m.startsWith("gpt-4") || m.startsWith("gpt-35") || m.startsWith("gpt-3.5")
                || m.startsWith("text-embedding-3") || m.startsWith("text-embedding-ada")) {
            return EncodingType.CL100K_BASE;
        }
        return EncodingType.O200K_BASE;
    }

    private Encoding encoding(String model) {
        return REGISTRY.getEncoding(encodingType(model));
    }
}
