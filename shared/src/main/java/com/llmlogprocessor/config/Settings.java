package com.llmlogprocessor.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every application setting the code reads, validated once. The same names appear in the
 * function annotations ({@code %NAME%}), the Bicep app settings and outputs,
 * {@code local.settings.json.example} and the README table.
 *
 * <p>Either {@code COSMOS_KEY} (local emulator) or a managed identity
 * ({@code AZURE_CLIENT_ID}, DefaultAzureCredential) authenticates to Cosmos DB; either
 * {@code ARCHIVE_CONNECTION_STRING} (local Azurite) or {@code ARCHIVE_BLOB_ENDPOINT} (identity)
 * reaches the archive storage account.
 */
public record Settings(
        String cosmosEndpoint,
        Optional<String> cosmosKey,
        String cosmosDatabase,
        Optional<String> archiveBlobEndpoint,
        Optional<String> archiveConnectionString,
        Optional<String> managedIdentityClientId,
        ContentMode contentMode,
        int contentInlineMaxBytes,
        Duration sweepGrace,
        Optional<String> priceTablePath,
        int largePromptTokens,
        int apimLogMaxBytes,
        boolean appServiceAuth) {

    public static final String COSMOS_ENDPOINT = "COSMOS_ENDPOINT";
    public static final String COSMOS_KEY = "COSMOS_KEY";
    public static final String COSMOS_DATABASE = "COSMOS_DATABASE";
    public static final String ARCHIVE_BLOB_ENDPOINT = "ARCHIVE_BLOB_ENDPOINT";
    public static final String ARCHIVE_CONNECTION_STRING = "ARCHIVE_CONNECTION_STRING";
    public static final String AZURE_CLIENT_ID = "AZURE_CLIENT_ID";
    public static final String CONTENT_MODE = "CONTENT_MODE";
    public static final String CONTENT_INLINE_MAX_BYTES = "CONTENT_INLINE_MAX_BYTES";
    public static final String SWEEP_GRACE_MINUTES = "SWEEP_GRACE_MINUTES";
    public static final String PRICE_TABLE_PATH = "PRICE_TABLE_PATH";
    public static final String LARGE_PROMPT_TOKENS = "LARGE_PROMPT_TOKENS";
    public static final String APIM_LLM_LOG_MAX_BYTES = "APIM_LLM_LOG_MAX_BYTES";
    /**
     * Set to {@code true} by the platform when App Service authentication (Easy Auth) is on; the
     * lookup API then requires app roles from {@code X-MS-CLIENT-PRINCIPAL}. Not an app setting in
     * Bicep: the platform owns it. Locally off unless set.
     */
    public static final String WEBSITE_AUTH_ENABLED = "WEBSITE_AUTH_ENABLED";
    /** Read by the binding expressions only; listed so the settings checks know them. */
    public static final String EVENTHUB_NAME = "EVENTHUB_NAME";
    public static final String EVENTHUB_CONSUMER_GROUP = "EVENTHUB_CONSUMER_GROUP";
    public static final String EVENTHUB_CONNECTION = "EVENTHUB_CONNECTION";
    public static final String SWEEP_SCHEDULE = "SWEEP_SCHEDULE";

    public static final String DEFAULT_DATABASE = "llmlogs";
    /** Well under Cosmos DB's 2 MB item limit, so a document with both texts inline still fits. */
    public static final int DEFAULT_CONTENT_INLINE_MAX_BYTES = 256 * 1024;
    /** APIM caps a logged request or response at 2 MB. */
    public static final int APIM_HARD_CAP_BYTES = 2 * 1024 * 1024;

    public Settings {
        require(cosmosEndpoint, COSMOS_ENDPOINT);
        require(cosmosDatabase, COSMOS_DATABASE);
        if (archiveBlobEndpoint.isEmpty() && archiveConnectionString.isEmpty()) {
            throw new IllegalArgumentException("Missing setting " + ARCHIVE_BLOB_ENDPOINT
                    + " (or " + ARCHIVE_CONNECTION_STRING + " for a local emulator)");
        }
        if (contentInlineMaxBytes < 1024 || contentInlineMaxBytes > 1_500_000) {
            throw new IllegalArgumentException(CONTENT_INLINE_MAX_BYTES
                    + " must be between 1024 and 1500000, was " + contentInlineMaxBytes);
        }
        if (sweepGrace.isNegative()) {
            throw new IllegalArgumentException(SWEEP_GRACE_MINUTES + " must not be negative");
        }
    }

    /** Reads and validates the settings; the message of any exception names the setting. */
    public static Settings from(Map<String, String> env) {
        return new Settings(
                value(env, COSMOS_ENDPOINT).orElseThrow(() -> missing(COSMOS_ENDPOINT)),
                value(env, COSMOS_KEY),
                value(env, COSMOS_DATABASE).orElse(DEFAULT_DATABASE),
                value(env, ARCHIVE_BLOB_ENDPOINT),
                value(env, ARCHIVE_CONNECTION_STRING),
                value(env, AZURE_CLIENT_ID),
                value(env, CONTENT_MODE).map(ContentMode::parse).orElse(ContentMode.FULL),
                intValue(env, CONTENT_INLINE_MAX_BYTES, DEFAULT_CONTENT_INLINE_MAX_BYTES),
                Duration.ofMinutes(intValue(env, SWEEP_GRACE_MINUTES, 10)),
                value(env, PRICE_TABLE_PATH),
                intValue(env, LARGE_PROMPT_TOKENS, 32_000),
                intValue(env, APIM_LLM_LOG_MAX_BYTES, APIM_HARD_CAP_BYTES),
                value(env, WEBSITE_AUTH_ENABLED).map(v -> v.equalsIgnoreCase("true")).orElse(false));
    }

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static int intValue(Map<String, String> env, String name, int dflt) {
        Optional<String> v = value(env, name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting " + name + " must be a whole number, was '" + v.get() + "'");
        }
    }

    private static void require(String v, String name) {
        if (v == null || v.isBlank()) {
            throw missing(name);
        }
    }

    private static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException("Missing setting " + name);
    }

    /** What of the prompt and response text is stored outside the raw archive. */
    public enum ContentMode {
        FULL, REDACTED, METADATA;

        public static ContentMode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(CONTENT_MODE + " must be full, redacted or metadata, was '" + s + "'");
            }
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
