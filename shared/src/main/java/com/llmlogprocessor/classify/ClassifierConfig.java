package com.llmlogprocessor.classify;

import com.llmlogprocessor.config.Settings;

/**
 * Tunables of {@link ContentClassifier}.
 *
 * @param largePromptTokens   prompt token count above which {@code operational.large_prompt} is set
 * @param injectionThreshold  score in (0, 1] from which {@code security.prompt_injection} is set
 * @param jailbreakThreshold  score in (0, 1] from which {@code security.jailbreak} is set
 */
public record ClassifierConfig(int largePromptTokens, double injectionThreshold, double jailbreakThreshold) {

    public static final int DEFAULT_LARGE_PROMPT_TOKENS = 32_000;
    /** Chosen on the labelled corpus: one strong rule (weight ≥ 0.6) alone is enough, weak cues need company. */
    public static final double DEFAULT_THRESHOLD = 0.6;

    public ClassifierConfig {
        if (largePromptTokens < 1) {
            throw new IllegalArgumentException("largePromptTokens must be positive, was " + largePromptTokens);
        }
        checkThreshold(injectionThreshold, "injectionThreshold");
        checkThreshold(jailbreakThreshold, "jailbreakThreshold");
    }

    public static ClassifierConfig defaults() {
        return new ClassifierConfig(DEFAULT_LARGE_PROMPT_TOKENS, DEFAULT_THRESHOLD, DEFAULT_THRESHOLD);
    }

    public static ClassifierConfig from(Settings settings) {
        return new ClassifierConfig(settings.largePromptTokens(), DEFAULT_THRESHOLD, DEFAULT_THRESHOLD);
    }

    private static void checkThreshold(double t, String name) {
        if (!(t > 0 && t <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + t);
        }
    }
}
