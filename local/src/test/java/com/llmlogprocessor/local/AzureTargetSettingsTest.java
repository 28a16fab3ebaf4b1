package com.llmlogprocessor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.llmlogprocessor.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureTargetSettingsTest {
    @TempDir
    Path dir;

    @Test
    void givenLocalSettingsFile_thenValuesRead_andEnvironmentWins() throws Exception {
        Path file = dir.resolve("local.settings.json");
        Files.writeString(file, """
                {"IsEncrypted": false, "Values": {
                  "COSMOS_ENDPOINT": "https://file.documents.azure.com:443/",
                  "COSMOS_DATABASE": "fromfile",
                  "ARCHIVE_BLOB_ENDPOINT": "https://file.blob.core.windows.net",
                  "CONTENT_MODE": "redacted"}}
                """);
        Settings s = AzureTargetSettings.load(file, Map.of("COSMOS_DATABASE", "fromenv", "AZURE_CLIENT_ID", "abc", "PATH", "/bin"));
        assertThat(s.cosmosEndpoint()).isEqualTo("https://file.documents.azure.com:443/");
        assertThat(s.cosmosDatabase()).isEqualTo("fromenv");
        assertThat(s.archiveBlobEndpoint()).contains("https://file.blob.core.windows.net");
        assertThat(s.managedIdentityClientId()).contains("abc");
        assertThat(s.cosmosKey()).isEmpty();
        assertThat(s.contentMode()).isEqualTo(Settings.ContentMode.REDACTED);
    }

    @Test
    void givenNoFile_thenEnvironmentOnly() {
        Settings s = AzureTargetSettings.load(dir.resolve("missing.json"), Map.of(
                "COSMOS_ENDPOINT", "https://env.documents.azure.com:443/",
                "ARCHIVE_BLOB_ENDPOINT", "https://env.blob.core.windows.net"));
        assertThat(s.cosmosEndpoint()).isEqualTo("https://env.documents.azure.com:443/");
        assertThat(s.cosmosDatabase()).isEqualTo(Settings.DEFAULT_DATABASE);
    }

    @Test
    void givenMissingOrBrokenSettings_thenErrorNamesTheProblem() throws Exception {
        assertThatThrownBy(() -> AzureTargetSettings.load(dir.resolve("missing.json"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COSMOS_ENDPOINT");
        Path noValues = dir.resolve("novalues.json");
        Files.writeString(noValues, "{\"IsEncrypted\": false}");
        assertThatThrownBy(() -> AzureTargetSettings.load(noValues, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Values");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"Values\": {");
        assertThatThrownBy(() -> AzureTargetSettings.load(broken, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }
}
