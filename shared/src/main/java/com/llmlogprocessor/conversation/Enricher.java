package com.llmlogprocessor.conversation;

import com.llmlogprocessor.assemble.AssembledCall;
import com.llmlogprocessor.assemble.ConversationStatus;
import com.llmlogprocessor.classify.Flag;
import com.llmlogprocessor.conversation.ConversationDocument.Question;
import com.llmlogprocessor.conversation.ConversationDocument.Tokens;
import com.llmlogprocessor.enrich.Cost;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a conversation gains beyond the log: tokens, cost, flags, question fingerprint.
 * Thread-safe; built once.
 */
public class Enricher {
    private final int apimLogMaxBytes;

    public Enricher(int apimLogMaxBytes) {
        this.apimLogMaxBytes = apimLogMaxBytes;
    }

    public record Enrichment(Tokens tokens, Cost cost, List<Flag> flags, Question question, String classifierVersion,
                             boolean requestTruncated, boolean responseTruncated) {
    }

    public Enrichment enrich(AssembledCall call, ConversationStatus status, List<ChatText> request,
                             List<ChatText> response) {
        List<Flag> flags = new ArrayList<>();
        boolean requestTruncated = truncated(call.requestChars());
        boolean responseTruncated = truncated(call.responseChars());
        if (requestTruncated) {
            flags.add(Flag.of("operational", "truncated", "request", 1));
        }
        if (responseTruncated) {
            flags.add(Flag.of("operational", "truncated", "response", 1));
        }
        if (status == ConversationStatus.PARTIAL) {
            flags.add(Flag.of("operational", "partial", call.hasResponseFragments() ? "response" : "request",
                    Math.max(1, call.missing().size())));
        } else if (status == ConversationStatus.NO_RESPONSE) {
            flags.add(Flag.of("operational", "no_response", "response", 1));
        }
        return new Enrichment(gatewayTokens(call.metadata()), null, flags, null, "none", requestTruncated,
                responseTruncated);
    }

    /** Flags implied by the GatewayLogs record alone (content filter results). */
    public List<Flag> gatewayFlags(com.llmlogprocessor.parse.GatewayLogRecord g) {
        return List.of();
    }

    /** PII and secret spans replaced by placeholders; identity until classification lands. */
    public String redact(String text) {
        return text;
    }

    /**
     * APIM drops what lies past the configured size (or its 2 MB cap) without a marker; a joined
     * text that reaches the limit is taken as cut. Fragments are ASCII (non-ASCII is escaped), so
     * characters count as bytes.
     */
    boolean truncated(long chars) {
        return chars > 0 && chars >= (long) (apimLogMaxBytes * 0.99);
    }

    static Tokens gatewayTokens(GatewayLlmRecord m) {
        if (m == null) {
            return null;
        }
        long prompt = nz(m.promptTokens());
        long completion = nz(m.completionTokens());
        long total = m.totalTokens() == null ? prompt + completion : m.totalTokens();
        return new Tokens(prompt, completion, total, nz(m.promptCachedTokens()), "gateway");
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
