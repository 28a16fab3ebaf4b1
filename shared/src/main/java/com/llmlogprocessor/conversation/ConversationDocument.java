package com.llmlogprocessor.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.llmlogprocessor.classify.Flag;
import com.llmlogprocessor.enrich.Cost;
import java.math.BigDecimal;
import java.util.List;

/**
 * The stored record of one LLM call, one per correlation id (Cosmos DB item id = correlation id,
 * which is also the partition key: lookup by id is a point read). Field names are a contract
 * (DESIGN.md); more fields may be added, none renamed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationDocument(
        String id,
        String correlationId,
        String status,
        String timestamp,
        String model,
        String deployment,
        String apiVersion,
        String requestId,
        Boolean streaming,
        Tokens tokens,
        Price cost,
        Content request,
        Content response,
        Caller caller,
        List<Flag> flags,
        Question question,
        Chunks chunks,
        Archive archive,
        String classifierVersion,
        String contentMode,
        String day,
        int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;

    public ConversationDocument {
        if (id == null || !id.equals(correlationId)) {
            throw new IllegalArgumentException("id must equal correlationId");
        }
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /**
     * The call's price from the versioned price table. A model the table does not know gets no
     * amount and says so in {@code unpriced}, rather than a silent zero.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Price(@JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal amount, String currency,
                        String priceVersion, String unpriced) {
        public static Price of(Cost c) {
            return new Price(c.amount(), c.currency(), c.priceVersion(), null);
        }
    }

    /** Token counts; {@code source} is {@code gateway} (APIM's counts) or {@code estimated}. */
    public record Tokens(long prompt, long completion, long total, long cachedPrompt, String source) {
    }

    /**
     * Request or response content. {@code messages} holds the messages as logged when stored
     * inline; when the content is archived to Blob, {@code messages} is absent and
     * {@code preview} holds the start of the text. {@code sizeBytes} is the UTF-8 size of the
     * messages' JSON (for contents kept inline, the logged JSON's length: an upper bound). When
     * the joined fragments do not parse (a chunk missing, or cut at APIM's size cap),
     * {@code unparsed} holds them as logged, or the blob does.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Content(ArrayNode messages, String preview, Boolean archived, Long sizeBytes,
                          Integer messageCount, Boolean truncated, Boolean redacted, String unparsed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Caller(String subscriptionId, String productId, String userId, String ipAddress, String apiId,
                         String operationId, Integer responseCode, Long durationMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Question(String text, String fingerprint, Long simhash) {
    }

    public record Chunks(List<Integer> received, List<Integer> missing) {
    }

    /** Blob paths: content blobs when archived, and the raw bodies the pieces came from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Archive(String request, String response, List<String> raw) {
    }
}
