package com.llmlogprocessor.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.json.Json;
import java.math.BigDecimal;

/**
 * Running totals of one usage row. Cost is summed as {@link BigDecimal} from each amount's
 * decimal text, so the sum is exact and the same in whatever order documents arrive.
 */
public final class UsageTotals {
    long requests;
    long promptTokens;
    long completionTokens;
    long cachedPromptTokens;
    long totalTokens;
    BigDecimal cost = BigDecimal.ZERO;

    /** Adds one conversation (a projected row with {@code tokens} and {@code cost}). */
    void addConversation(JsonNode tokens, JsonNode costAmount) {
        requests++;
        promptTokens += tokens.path("prompt").asLong(0);
        completionTokens += tokens.path("completion").asLong(0);
        cachedPromptTokens += tokens.path("cachedPrompt").asLong(0);
        totalTokens += tokens.path("total").asLong(0);
        cost = cost.add(decimal(costAmount));
    }

    void add(UsageTotals o) {
        requests += o.requests;
        promptTokens += o.promptTokens;
        completionTokens += o.completionTokens;
        cachedPromptTokens += o.cachedPromptTokens;
        totalTokens += o.totalTokens;
        cost = cost.add(o.cost);
    }

    static BigDecimal decimal(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return BigDecimal.ZERO;
        }
        try {
            return n.isNumber() ? new BigDecimal(n.asText()) : new BigDecimal(n.asText().trim());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    /** Stored form inside a rollup document (cost as text, so no precision is lost in Cosmos). */
    ObjectNode toStored(String key) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("key", key);
        o.put("requests", requests);
        o.put("promptTokens", promptTokens);
        o.put("completionTokens", completionTokens);
        o.put("cachedPromptTokens", cachedPromptTokens);
        o.put("totalTokens", totalTokens);
        o.put("cost", cost.toPlainString());
        return o;
    }

    static UsageTotals fromStored(JsonNode o) {
        UsageTotals t = new UsageTotals();
        t.requests = o.path("requests").asLong();
        t.promptTokens = o.path("promptTokens").asLong();
        t.completionTokens = o.path("completionTokens").asLong();
        t.cachedPromptTokens = o.path("cachedPromptTokens").asLong();
        t.totalTokens = o.path("totalTokens").asLong();
        t.cost = decimal(o.get("cost"));
        return t;
    }

    /** The API row: cost as a JSON number. */
    public ObjectNode toRow(String key) {
        ObjectNode o = toStored(key);
        o.put("cost", cost.signum() == 0 ? BigDecimal.ZERO : cost.stripTrailingZeros());
        return o;
    }

    public long requests() {
        return requests;
    }
}
