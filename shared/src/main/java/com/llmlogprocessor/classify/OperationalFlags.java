package com.llmlogprocessor.classify;

import java.util.Optional;

/** The {@code operational.*} flags, decided from numbers the pipeline already has (no text needed). */
public final class OperationalFlags {

    public static final String LARGE_PROMPT = "large_prompt";
    public static final String TRUNCATED = "truncated";
    public static final String PARTIAL = "partial";
    public static final String NO_RESPONSE = "no_response";
    public static final String ESTIMATED_TOKENS = "estimated_tokens";

    private OperationalFlags() {
    }

    /** {@code operational.large_prompt} (where = request) when the prompt has more than {@code threshold} tokens. */
    public static Optional<Flag> largePrompt(long promptTokens, int threshold) {
        return promptTokens > threshold
                ? Optional.of(Flag.of(Flag.OPERATIONAL, LARGE_PROMPT, Flag.REQUEST, 1))
                : Optional.empty();
    }

    /**
     * Whether APIM probably cut a logged request or response: APIM drops everything past its
     * configured {@code maxSizeInBytes} without a marker, so a logged body that reaches the cap is
     * taken as truncated (a body of exactly the cap is indistinguishable from a cut one).
     *
     * @param loggedBytes UTF-8 size of the joined fragments of one side
     * @param maxBytes    the cap configured on the API diagnostic (APIM_LLM_LOG_MAX_BYTES)
     */
    public static boolean truncated(long loggedBytes, long maxBytes) {
        return maxBytes > 0 && loggedBytes >= maxBytes;
    }

    /** {@code operational.truncated} for {@code where} when {@link #truncated(long, long)} holds. */
    public static Optional<Flag> truncatedFlag(String where, long loggedBytes, long maxBytes) {
        return truncated(loggedBytes, maxBytes)
                ? Optional.of(Flag.of(Flag.OPERATIONAL, TRUNCATED, where, 1))
                : Optional.empty();
    }

    /** {@code operational.estimated_tokens}: token counts come from the tokenizer, not the gateway. */
    public static Flag estimatedTokens() {
        return Flag.of(Flag.OPERATIONAL, ESTIMATED_TOKENS, null, 1);
    }

    /** {@code operational.partial} / {@code operational.no_response} from a conversation's final status. */
    public static Optional<Flag> forStatus(String status) {
        return switch (status == null ? "" : status) {
            case PARTIAL -> Optional.of(Flag.of(Flag.OPERATIONAL, PARTIAL, null, 1));
            case NO_RESPONSE -> Optional.of(Flag.of(Flag.OPERATIONAL, NO_RESPONSE, Flag.RESPONSE, 1));
            default -> Optional.empty();
        };
    }
}
