package com.llmlogprocessor.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    private final PriceTable prices = PriceTable.bundled();

    @Test
    void givenBundledTable_thenVersionedInUsdAndCoversCurrentModels() {
        assertThat(prices.version()).isEqualTo("2026-11-01");
        assertThat(prices.currency()).isEqualTo("USD");
        for (String m : List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-5", "gpt-5-mini",
                "o3", "o4-mini", "gpt-35-turbo", "gpt-4", "text-embedding-3-small", "text-embedding-3-large")) {
            assertThat(prices.knows(m)).as(m).isTrue();
        }
    }

    @Test
    void givenDatedModelNames_thenNormalisedToFamily() {
        assertThat(PriceTable.normaliseModel("gpt-4.1-mini-2025-04-14")).isEqualTo("gpt-4.1-mini");
        assertThat(PriceTable.normaliseModel("gpt-4o-2024-08-06")).isEqualTo("gpt-4o");
        assertThat(PriceTable.normaliseModel(" GPT-4o-Mini-2024-07-18 ")).isEqualTo("gpt-4o-mini");
        assertThat(PriceTable.normaliseModel("gpt-3.5-turbo")).isEqualTo("gpt-35-turbo");
        assertThat(PriceTable.normaliseModel("gpt-35-turbo-0125")).isEqualTo("gpt-35-turbo");
        assertThat(PriceTable.normaliseModel("gpt-4-0613")).isEqualTo("gpt-4");
        assertThat(PriceTable.normaliseModel("gpt-4-32k-0613")).isEqualTo("gpt-4-32k");
        assertThat(PriceTable.normaliseModel("gpt-4-1106-preview")).isEqualTo("gpt-4-turbo");
        assertThat(PriceTable.normaliseModel("o3-2025-04-16")).isEqualTo("o3");
        assertThat(PriceTable.normaliseModel("azure/gpt-5-mini")).isEqualTo("gpt-5-mini");
        assertThat(PriceTable.normaliseModel(null)).isEmpty();
    }

    @Test
    void givenDatedModel_thenPricedAsFamily() {
        // gpt-4.1-mini: 0.40 in, 1.60 out per 1M → 1M prompt + 1M completion = 2.00
        assertThat(prices.cost("gpt-4.1-mini-2025-04-14", "chat", 1_000_000, 0, 1_000_000))
                .hasValueSatisfying(c -> {
                    assertThat(c.amount()).isEqualByComparingTo("2.00");
                    assertThat(c.currency()).isEqualTo("USD");
                    assertThat(c.priceVersion()).isEqualTo("2026-11-01");
                });
    }

    @Test
    void givenCachedTokens_thenCachedPartBilledAtCachedPriceAndRestAtInput() {
        // gpt-4o: input 2.50, cached 1.25, output 10.00 per 1M
        // 10,000 prompt of which 4,000 cached, 500 completion:
        // 6,000 × 2.50 + 4,000 × 1.25 + 500 × 10.00 = 15,000 + 5,000 + 5,000 = 25,000 per 1M → 0.025
        assertThat(prices.cost("gpt-4o-2024-11-20", null, 10_000, 4_000, 500))
                .map(Cost::amount).hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("0.025"));
        // cached more than prompt is capped; negative counts count as zero
        assertThat(prices.cost("gpt-4o", null, 1_000, 5_000, -3))
                .map(Cost::amount).hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("0.00125"));
    }

    @Test
    void givenModelWithoutCachedPrice_thenCachedTokensBilledAtInputPrice() {
        assertThat(prices.cost("gpt-35-turbo", null, 2_000, 1_000, 0))
                .map(Cost::amount).hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("0.001"));
    }

    @Test
    void givenUnknownModel_thenEmpty_unlessDeploymentNamesAKnownModel() {
        assertThat(prices.cost("my-finetune-xyz", "custom", 100, 0, 100)).isEmpty();
        assertThat(prices.cost("", null, 100, 0, 100)).isEmpty();
        assertThat(prices.cost(null, "gpt-4o-mini", 1_000_000, 0, 0))
                .map(Cost::amount).hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("0.15"));
    }

    @Test
    void givenOverrideFile_thenItsPricesVersionAndMappingsApply(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"version": "ptu-2027-01", "currency": "EUR",
                 "models": {"gpt-4o": {"input": 1, "cachedInput": 0.1, "output": 3}},
                 "aliases": {"my-4o": "gpt-4o"},
                 "deployments": {"Chat-Prod": "gpt-4o"}}
                """);
        PriceTable custom = PriceTable.load(file);

        assertThat(custom.version()).isEqualTo("ptu-2027-01");
        assertThat(custom.cost("gpt-4o", null, 1_000_000, 500_000, 0))
                .hasValue(new Cost(new BigDecimal("0.55000000"), "EUR", "ptu-2027-01"));
        assertThat(custom.cost("my-4o", null, 0, 0, 1_000_000)).map(Cost::amount)
                .hasValueSatisfying(a -> assertThat(a).isEqualByComparingTo("3"));
        assertThat(custom.cost(null, "chat-prod", 1_000_000, 0, 0)).isPresent();
        assertThat(custom.cost("gpt-4.1", null, 1, 0, 1)).isEmpty();
    }

    @Test
    void givenBrokenOverride_thenErrorNamesTheProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"version\":\"x\",\"currency\":\"USD\",\"models\":{\"gpt-4o\":{\"input\":-1,\"output\":2}}}");
        assertThatThrownBy(() -> PriceTable.load(file)).hasMessageContaining("gpt-4o").hasMessageContaining("input");
        Files.writeString(file, "{\"currency\":\"USD\",\"models\":{}}");
        assertThatThrownBy(() -> PriceTable.load(file)).hasMessageContaining("version");
    }
}
