package com.llmlogprocessor.conversation;

import com.llmlogprocessor.assemble.AssembledCall;
import com.llmlogprocessor.assemble.ConversationStatus;
import com.llmlogprocessor.classify.ClassifierConfig;
import com.llmlogprocessor.classify.ContentClassifier;
import com.llmlogprocessor.classify.ContentFilterDetector;
import com.llmlogprocessor.classify.Flag;
import com.llmlogprocessor.classify.OperationalFlags;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.conversation.ConversationDocument.Price;
import com.llmlogprocessor.conversation.ConversationDocument.Question;
import com.llmlogprocessor.conversation.ConversationDocument.Tokens;
import com.llmlogprocessor.enrich.PriceTable;
import com.llmlogprocessor.enrich.QuestionFingerprint;
import com.llmlogprocessor.enrich.TokenEstimator;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import com.llmlogprocessor.parse.GatewayLogRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a conversation gains beyond the log: tokens (the gateway's counts, else estimated
 * with the model family's tokenizer and labelled so), cost from the versioned price table,
 * classification flags, content-filter results from the GatewayLogs bodies, operational flags and
 * the question fingerprint. Thread-safe; built once.
 */
public class Enricher {
    private final ContentClassifier classifier;
    private final TokenEstimator tokens = new TokenEstimator();
    private final PriceTable prices;
    private final int apimLogMaxBytes;
    private final int largePromptTokens;

    public Enricher(ContentClassifier classifier, PriceTable prices, int apimLogMaxBytes, int largePromptTokens) {
        this.classifier = classifier;
        this.prices = prices;
        this.apimLogMaxBytes = apimLogMaxBytes;
        this.largePromptTokens = largePromptTokens;
    }

    public static Enricher from(Settings s) {
        PriceTable prices = s.priceTablePath().map(p -> PriceTable.load(Path.of(p))).orElseGet(PriceTable::bundled);
        return new Enricher(new ContentClassifier(ClassifierConfig.from(s)), prices, s.apimLogMaxBytes(),
                s.largePromptTokens());
    }

    /** With the bundled price table and default thresholds (tests, benchmarks). */
    public static Enricher defaults() {
        return new Enricher(new ContentClassifier(ClassifierConfig.defaults()), PriceTable.bundled(),
                Settings.APIM_HARD_CAP_BYTES, ClassifierConfig.defaults().largePromptTokens());
    }

    public record Enrichment(Tokens tokens, Price cost, List<Flag> flags, Question question, String classifierVersion,
                             boolean requestTruncated, boolean responseTruncated) {
    }

    public Enrichment enrich(AssembledCall call, ConversationStatus status, List<ChatText> request,
                             List<ChatText> response) {
        GatewayLlmRecord meta = call.metadata();
        String model = meta == null ? null : firstNonBlank(meta.modelName(), meta.deploymentName());
        Tokens t = gatewayTokens(meta);
        List<Flag> flags = new ArrayList<>(classifier.classify(request, response));
        boolean hasContent = !request.isEmpty() || !response.isEmpty();
        if ((t == null || t.total() == 0) && hasContent) {
            long prompt = request.isEmpty() ? 0 : tokens.countPrompt(model, request);
            long completion = response.isEmpty() ? 0 : tokens.countCompletion(model, response);
            t = new Tokens(prompt, completion, prompt + completion, 0, "estimated");
            flags.add(OperationalFlags.estimatedTokens());
        }
        Price cost = price(meta, t);
        if (t != null) {
            OperationalFlags.largePrompt(t.prompt(), largePromptTokens).ifPresent(flags::add);
        }
        boolean requestTruncated = atCap(call.requestChars());
        boolean responseTruncated = atCap(call.responseChars());
        if (requestTruncated) {
            flags.add(Flag.of(Flag.OPERATIONAL, OperationalFlags.TRUNCATED, Flag.REQUEST, 1));
        }
        if (responseTruncated) {
            flags.add(Flag.of(Flag.OPERATIONAL, OperationalFlags.TRUNCATED, Flag.RESPONSE, 1));
        }
        if (status == ConversationStatus.PARTIAL) {
            boolean requestIncomplete = call.requestMessages() == null;
            flags.add(Flag.of(Flag.OPERATIONAL, OperationalFlags.PARTIAL,
                    requestIncomplete ? Flag.REQUEST : Flag.RESPONSE, Math.max(1, call.missing().size())));
        } else if (status == ConversationStatus.NO_RESPONSE) {
            flags.add(Flag.of(Flag.OPERATIONAL, OperationalFlags.NO_RESPONSE, Flag.RESPONSE, 1));
        }
        if (call.gateway() != null) {
            flags.addAll(gatewayFlags(call.gateway()));
        }
        flags.sort(Flag.ORDER);
        Question question = QuestionFingerprint.of(request, classifier)
                .map(q -> new Question(q.text(), q.fingerprint(), q.simhash()))
                .orElse(null);
        return new Enrichment(t, cost, flags, question, ContentClassifier.VERSION, requestTruncated, responseTruncated);
    }

    private Price price(GatewayLlmRecord meta, Tokens t) {
        if (t == null || meta == null || (isBlank(meta.modelName()) && isBlank(meta.deploymentName()))) {
            return null;
        }
        return prices.cost(meta.modelName(), meta.deploymentName(), t.prompt(), t.cachedPrompt(), t.completion())
                .map(Price::of)
                .orElseGet(() -> new Price(null, prices.currency(), prices.version(),
                        "model not in price table: " + PriceTable.normaliseModel(
                                isBlank(meta.modelName()) ? meta.deploymentName() : meta.modelName())));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Flags implied by the GatewayLogs record alone (Azure OpenAI content filter results). */
    public List<Flag> gatewayFlags(GatewayLogRecord g) {
        return ContentFilterDetector.detect(g.responseCode(), g.responseBody(), g.backendResponseBody());
    }

    /** PII and secret spans replaced by placeholders ({@code [EMAIL]}, {@code [API_KEY]}, ...). */
    public String redact(String text) {
        return classifier.redact(text);
    }

    /**
     * APIM drops what lies past the configured size (or its 2 MB cap) without a marker; a joined
     * text that reaches the limit is taken as cut. Fragments are ASCII (non-ASCII is escaped), so
     * characters count as bytes.
     */
    public boolean atCap(long chars) {
        return chars > 0 && OperationalFlags.truncated(chars, apimLogMaxBytes);
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

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
