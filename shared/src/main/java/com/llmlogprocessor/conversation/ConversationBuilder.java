package com.llmlogprocessor.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.llmlogprocessor.assemble.AssembledCall;
import com.llmlogprocessor.assemble.ConversationStatus;
import com.llmlogprocessor.classify.Flag;
import com.llmlogprocessor.config.Settings.ContentMode;
import com.llmlogprocessor.conversation.ConversationDocument.Archive;
import com.llmlogprocessor.conversation.ConversationDocument.Caller;
import com.llmlogprocessor.conversation.ConversationDocument.Chunks;
import com.llmlogprocessor.conversation.ConversationDocument.Content;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import com.llmlogprocessor.parse.GatewayLogRecord;
import com.llmlogprocessor.store.ContentStore;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builds the conversation document of an assembled call: metadata, enrichment, content placement.
 * Contents whose JSON exceeds the inline threshold go to Blob (deterministic names, so a rebuild
 * overwrites) and the document keeps a preview. Applies the content mode before anything leaves
 * this class, so redacted or withheld text never reaches a store.
 */
public final class ConversationBuilder {
    static final int PREVIEW_CHARS = 1000;

    private final Enricher enricher;
    private final ContentMode contentMode;
    private final int inlineMaxBytes;

    public ConversationBuilder(Enricher enricher, ContentMode contentMode, int inlineMaxBytes) {
        this.enricher = enricher;
        this.contentMode = contentMode;
        this.inlineMaxBytes = inlineMaxBytes;
    }

    /** The document and the content blobs (name → JSON) it points to. */
    public record Built(ConversationDocument document, Map<String, byte[]> contentBlobs) {
    }

    public Built build(AssembledCall call, ConversationStatus status) {
        GatewayLlmRecord meta = call.metadata();
        List<ChatText> requestText = textOf(call.requestMessages(), call.requestText());
        List<ChatText> responseText = textOf(call.responseMessages(), call.responseText());
        Enricher.Enrichment e = enricher.enrich(call, status, requestText, responseText);

        Map<String, byte[]> blobs = new LinkedHashMap<>();
        String requestBlob = ContentStore.requestName(call.correlationId());
        String responseBlob = ContentStore.responseName(call.correlationId());
        Content request = place(call.requestMessages(), call.requestText(), requestText, requestBlob, blobs,
                e.requestTruncated());
        Content response = place(call.responseMessages(), call.responseText(), responseText, responseBlob, blobs,
                e.responseTruncated());
        Instant time = call.time();
        String timestamp = Times.format(time);
        var doc = new ConversationDocument(
                call.correlationId(),
                call.correlationId(),
                status.wireName(),
                timestamp,
                meta == null ? null : meta.modelName(),
                meta == null ? null : meta.deploymentName(),
                meta == null ? null : normaliseApiVersion(meta.apiVersion()),
                meta == null ? null : meta.requestId(),
                meta == null ? null : meta.streamCompletion(),
                e.tokens(),
                e.cost(),
                request,
                response,
                caller(call.gateway()),
                e.flags(),
                contentMode == ContentMode.METADATA || e.question() == null ? withoutText(e.question()) : e.question(),
                new Chunks(call.received(), call.missing()),
                new Archive(archived(blobs, requestBlob), archived(blobs, responseBlob),
                        call.sources().isEmpty() ? null : call.sources()),
                e.classifierVersion(),
                contentMode.wireName(),
                timestamp == null ? null : timestamp.substring(0, 10),
                ConversationDocument.SCHEMA_VERSION);
        return new Built(doc, blobs);
    }

    /**
     * The stored document with a late GatewayLogs half joined in: caller fields and the flags the
     * gateway record implies (content filter results), without rebuilding from the pieces.
     */
    public ConversationDocument withCaller(ObjectNode stored, GatewayLogRecord g) {
        ConversationDocument d;
        try {
            d = Json.MAPPER.treeToValue(stored, ConversationDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored conversation " + g.correlationId() + " does not read back", e);
        }
        List<Flag> flags = new ArrayList<>(d.flags());
        for (Flag f : enricher.gatewayFlags(g)) {
            flags.removeIf(x -> x.category().equals(f.category()) && x.type().equals(f.type())
                    && java.util.Objects.equals(x.where(), f.where()) && java.util.Objects.equals(x.detail(), f.detail()));
            flags.add(f);
        }
        flags.sort(Flag.ORDER);
        return new ConversationDocument(d.id(), d.correlationId(), d.status(), d.timestamp(), d.model(), d.deployment(),
                d.apiVersion(), d.requestId(), d.streaming(), d.tokens(), d.cost(), d.request(), d.response(), caller(g),
                flags, d.question(), d.chunks(), d.archive(), d.classifierVersion(), d.contentMode(), d.day(),
                d.schemaVersion());
    }

    public static Caller caller(GatewayLogRecord g) {
        if (g == null) {
            return null;
        }
        return new Caller(g.subscriptionId(), g.productId(), g.userId(), g.ipAddress(), g.apiId(), g.operationId(),
                g.responseCode(), g.durationMs());
    }

    /** Is a joined text as long as APIM's cap (so APIM cut it)? */
    public boolean atCap(long chars) {
        return enricher.atCap(chars);
    }

    /**
     * The text view of a side: its messages, or when the joined fragments do not parse (a hole, or
     * APIM's cap), the joined text itself, so classification still sees what arrived.
     */
    private static List<ChatText> textOf(ArrayNode messages, String joined) {
        return messages != null || joined == null ? MessageText.of(messages) : List.of(new ChatText("", joined));
    }

    private Content place(ArrayNode messages, String joined, List<ChatText> text, String blobName,
                          Map<String, byte[]> blobs, boolean truncated) {
        Boolean truncatedFlag = truncated ? Boolean.TRUE : null;
        if (messages == null) {
            return joined == null ? null : placeUnparsed(joined, blobName, blobs, truncatedFlag);
        }
        if (contentMode == ContentMode.METADATA) {
            return new Content(null, null, null, null, messages.size(), truncatedFlag, null, null);
        }
        ArrayNode stored = messages;
        Boolean redacted = null;
        if (contentMode == ContentMode.REDACTED) {
            stored = messages.deepCopy();
            redactStrings(stored, enricher::redact);
            redacted = Boolean.TRUE;
        }
        // The logged JSON is ASCII with every other character escaped, so its length bounds the
        // UTF-8 size of the stored JSON from above: small contents need no serialising to decide.
        if (redacted == null && joined != null && joined.length() <= inlineMaxBytes) {
            return new Content(stored, null, null, (long) joined.length(), messages.size(), truncatedFlag, redacted, null);
        }
        byte[] json = toJson(stored);
        if (json.length <= inlineMaxBytes) {
            return new Content(stored, null, null, (long) json.length, messages.size(), truncatedFlag, redacted, null);
        }
        blobs.put(blobName, json);
        return new Content(null, preview(text, contentMode == ContentMode.REDACTED ? enricher::redact : null), true,
                (long) json.length, messages.size(), truncatedFlag, redacted, null);
    }

    /**
     * A side whose joined fragments do not parse keeps the text as logged in {@code unparsed}
     * (inline, or as a {@code .txt} blob beside the JSON ones when large), so nothing that arrived
     * is lost from the document's view.
     */
    private Content placeUnparsed(String joined, String blobName, Map<String, byte[]> blobs, Boolean truncatedFlag) {
        if (contentMode == ContentMode.METADATA) {
            return new Content(null, null, null, (long) joined.length(), null, truncatedFlag, null, null);
        }
        boolean redact = contentMode == ContentMode.REDACTED;
        String text = redact ? enricher.redact(joined) : joined;
        Boolean redacted = redact ? Boolean.TRUE : null;
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= inlineMaxBytes) {
            return new Content(null, null, null, (long) bytes.length, null, truncatedFlag, redacted, text);
        }
        String name = blobName.replace(".json", ".txt");
        blobs.put(name, bytes);
        return new Content(null, cut(text, PREVIEW_CHARS), true, (long) bytes.length, null, truncatedFlag, redacted, null);
    }

    private static String preview(List<ChatText> text, UnaryOperator<String> redact) {
        StringBuilder sb = new StringBuilder();
        for (ChatText t : text) {
            if (sb.length() >= PREVIEW_CHARS) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(t.role()).append(": ").append(t.text(), 0, Math.min(t.text().length(), PREVIEW_CHARS));
        }
        String p = sb.length() > PREVIEW_CHARS ? cut(sb, PREVIEW_CHARS) : sb.toString();
        return redact == null ? p : redact.apply(p);
    }

    private static String archived(Map<String, byte[]> blobs, String jsonName) {
        String txt = jsonName.replace(".json", ".txt");
        return blobs.containsKey(jsonName) ? jsonName : blobs.containsKey(txt) ? txt : null;
    }

    /** Cuts without splitting a surrogate pair. */
    private static String cut(CharSequence s, int n) {
        if (s.length() <= n) {
            return s.toString();
        }
        int end = Character.isHighSurrogate(s.charAt(n - 1)) ? n - 1 : n;
        return s.subSequence(0, end).toString();
    }

    /** Replaces every string value under each message's content (and tool arguments). */
    static void redactStrings(JsonNode node, UnaryOperator<String> redact) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            it.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> en : entries) {
                JsonNode v = en.getValue();
                if (v.isTextual() && !en.getKey().equals("role") && !en.getKey().equals("type")) {
                    obj.set(en.getKey(), TextNode.valueOf(redact.apply(v.textValue())));
                } else {
                    redactStrings(v, redact);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode v = arr.get(i);
                if (v.isTextual()) {
                    arr.set(i, TextNode.valueOf(redact.apply(v.textValue())));
                } else {
                    redactStrings(v, redact);
                }
            }
        }
    }

    private static ConversationDocument.Question withoutText(ConversationDocument.Question q) {
        return q == null ? null : new ConversationDocument.Question(null, q.fingerprint(), q.simhash());
    }

    private static byte[] toJson(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** APIM logs {@code 2024-10-21T00:00:00.0000000}; the document keeps the date. */
    static String normaliseApiVersion(String v) {
        if (v == null) {
            return null;
        }
        int t = v.indexOf('T');
        if (t == 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
            return v.substring(0, 10);
        }
        return v;
    }
}
