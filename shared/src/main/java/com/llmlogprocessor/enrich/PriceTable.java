package com.llmlogprocessor.enrich;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A versioned price table: per-1M-token prices for input, cached input and output per model.
 * The bundled table ({@code prices/price-table.json}) holds Azure OpenAI Global Standard list
 * prices; {@code PRICE_TABLE_PATH} points {@link #load(Path)} at a replacement of the same shape:
 * <pre>{@code
 * {"version": "2026-11-01", "currency": "USD",
 *  "models": {"gpt-4o": {"input": 2.50, "cachedInput": 1.25, "output": 10.00}, ...},
 *  "aliases": {"chatgpt-4o-latest": "gpt-4o"},          // optional: another name -> model
 *  "deployments": {"chat-prod": "gpt-4o"}}               // optional: deployment name -> model
 * }</pre>
 * A model without {@code cachedInput} bills cached tokens at the input price. Every cost carries
 * the table's version so a stored amount can be traced to the prices that made it. Immutable.
 */
public final class PriceTable {

    public static final String BUNDLED_RESOURCE = "/prices/price-table.json";
    /** Prices read as decimals, never through double. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    /** Cost amounts keep 8 decimals: a single nano-model token is 5e-8 USD. */
    private static final int SCALE = 8;
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern LEGACY_SUFFIX = Pattern.compile("^(gpt-4|gpt-35)(.*?)-\\d{4}$");
    private static final Pattern GPT4_TURBO_PREVIEW = Pattern.compile("^gpt-4-(?:1106|0125)-preview$");

    private record Prices(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
    }

    private final String version;
    private final String currency;
    private final Map<String, Prices> models;
    private final Map<String, String> aliases;
    private final Map<String, String> deployments;

    private PriceTable(JsonNode root, String origin) {
        this.version = root.path("version").asText("");
        this.currency = root.path("currency").asText("");
        if (version.isBlank() || currency.isBlank()) {
            throw new IllegalArgumentException("price table " + origin + " needs a version and a currency");
        }
        Map<String, Prices> m = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("models").properties()) {
            JsonNode p = e.getValue();
            BigDecimal in = price(p, "input", origin, e.getKey());
            BigDecimal out = price(p, "output", origin, e.getKey());
            BigDecimal cached = p.has("cachedInput") ? price(p, "cachedInput", origin, e.getKey()) : in;
            m.put(normaliseModel(e.getKey()), new Prices(in, cached, out));
        }
        if (m.isEmpty()) {
            throw new IllegalArgumentException("price table " + origin + " has no models");
        }
        this.models = Map.copyOf(m);
        this.aliases = names(root.path("aliases"));
        this.deployments = names(root.path("deployments"));
    }

    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BUNDLED_RESOURCE);
            }
            return new PriceTable(JSON.readTree(in), BUNDLED_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PriceTable load(Path p) {
        try {
            return new PriceTable(JSON.readTree(Files.readString(p)), p.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price table " + p, e);
        }
    }

    public String version() {
        return version;
    }

    public String currency() {
        return currency;
    }

    /**
     * The cost of a call, or empty when neither the model nor the deployment has a price.
     * {@code cachedPromptTokens} are part of {@code promptTokens}: they are billed at the cached
     * price and the rest of the prompt at the input price. Negative counts are treated as 0 and
     * cached tokens are capped at the prompt tokens.
     */
    public Optional<Cost> cost(String model, String deployment, long promptTokens, long cachedPromptTokens,
                               long completionTokens) {
        Optional<Prices> prices = lookup(model).or(() -> deploymentLookup(deployment));
        if (prices.isEmpty()) {
            return Optional.empty();
        }
        Prices p = prices.get();
        long prompt = Math.max(0, promptTokens);
        long cached = Math.min(prompt, Math.max(0, cachedPromptTokens));
        long completion = Math.max(0, completionTokens);
        BigDecimal perMillion = p.input().multiply(BigDecimal.valueOf(prompt - cached))
                .add(p.cachedInput().multiply(BigDecimal.valueOf(cached)))
                .add(p.output().multiply(BigDecimal.valueOf(completion)));
        return Optional.of(new Cost(perMillion.divide(MILLION, SCALE, RoundingMode.HALF_UP), currency, version));
    }

    /** Whether the table prices {@code model} (after normalisation and aliases). */
    public boolean knows(String model) {
        return lookup(model).isPresent();
    }

    /**
     * The model family name prices are keyed by: trimmed, lower case, without a provider prefix
     * ({@code azure/}) or a version suffix ({@code gpt-4.1-mini-2025-04-14} → {@code gpt-4.1-mini},
     * {@code gpt-4-0613} → {@code gpt-4}); OpenAI's {@code gpt-3.5-turbo} becomes Azure's
     * {@code gpt-35-turbo}; the gpt-4 turbo previews become {@code gpt-4-turbo}. Null → "".
     */
    public static String normaliseModel(String model) {
        if (model == null) {
            return "";
        }
        String m = model.trim().toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        if (slash >= 0) {
            m = m.substring(slash + 1);
        }
        m = m.replace("gpt-3.5", "gpt-35");
        if (GPT4_TURBO_PREVIEW.matcher(m).matches()) {
            return "gpt-4-turbo";
        }
        m = DATE_SUFFIX.matcher(m).replaceFirst("");
        if (m.endsWith("-preview")) {
            m = m.substring(0, m.length() - "-preview".length());
        }
        var legacy = LEGACY_SUFFIX.matcher(m);
        if (legacy.matches()) {
            m = legacy.group(1) + legacy.group(2);
        }
        return m;
    }

    private Optional<Prices> lookup(String model) {
        String n = normaliseModel(model);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        String raw = model.trim().toLowerCase(Locale.ROOT);
        String target = aliases.getOrDefault(raw, aliases.getOrDefault(n, n));
        return Optional.ofNullable(models.get(normaliseModel(target)));
    }

    private Optional<Prices> deploymentLookup(String deployment) {
        if (deployment == null || deployment.isBlank()) {
            return Optional.empty();
        }
        String mapped = deployments.get(deployment.trim().toLowerCase(Locale.ROOT));
        return lookup(mapped != null ? mapped : deployment);
    }

    private static BigDecimal price(JsonNode p, String field, String origin, String model) {
        JsonNode v = p.get(field);
        if (v == null || !v.isNumber() || v.decimalValue().signum() < 0) {
            throw new IllegalArgumentException("price table " + origin + ": model " + model
                    + " needs a non-negative number '" + field + "'");
        }
        return v.decimalValue();
    }

    private static Map<String, String> names(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            m.put(e.getKey().trim().toLowerCase(Locale.ROOT), e.getValue().asText());
        }
        return Map.copyOf(m);
    }
}
