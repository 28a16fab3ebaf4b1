package com.llmlogprocessor.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings for {@code --target azure}: the {@code Values} of a {@code local.settings.json} (if the
 * file exists), with environment variables winning over the file (as the Functions Core Tools
 * do), validated by {@link Settings#from}. For a deployed app these are the app's identity-based
 * settings ({@code COSMOS_ENDPOINT}, {@code ARCHIVE_BLOB_ENDPOINT}, optional {@code AZURE_CLIENT_ID})
 * and the caller's own Azure login (DefaultAzureCredential) must have data-plane access.
 */
public final class AzureTargetSettings {
    private AzureTargetSettings() {
    }

    /** The merged setting values; a missing file means "environment only". */
    public static Map<String, String> values(Path settingsFile, Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (settingsFile != null && Files.isRegularFile(settingsFile)) {
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(Files.readString(settingsFile));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + settingsFile + ": " + e.getMessage(), e);
            }
            JsonNode values = root == null ? null : root.get("Values");
            if (values == null || !values.isObject()) {
                throw new IllegalArgumentException(settingsFile + " has no \"Values\" object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) {
                    merged.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        environment.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                merged.put(k, v);
            }
        });
        return merged;
    }

    public static Settings load(Path settingsFile, Map<String, String> environment) {
        return Settings.from(values(settingsFile, environment));
    }
}
