package com.llmlogprocessor.local.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlQuerySpec;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.local.emulator.Emulators;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health answers 503 (not 500, not a hang) when Cosmos DB fails; no emulator needed. */
class LookupHealthUnavailableTest {

    @AfterEach
    void uninstall() {
        AppContext.install(null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenCosmosUnreachable_thenHealthIs503WithStatusUnavailable() {
        String blob = "DefaultEndpointsProtocol=http;AccountName=" + Emulators.BLOB_ACCOUNT + ";AccountKey=" + Emulators.BLOB_KEY
                + ";BlobEndpoint=http://127.0.0.1:1/" + Emulators.BLOB_ACCOUNT + ";";
        Settings settings = Settings.from(Map.of(Settings.COSMOS_ENDPOINT, "https://127.0.0.1:1",
                Settings.ARCHIVE_CONNECTION_STRING, blob));
        CosmosClient cosmos = mock(CosmosClient.class);
        CosmosDatabase db = mock(CosmosDatabase.class);
        CosmosContainer container = mock(CosmosContainer.class);
        when(cosmos.getDatabase(anyString())).thenReturn(db);
        when(db.getContainer(anyString())).thenReturn(container);
        RuntimeException down = new IllegalStateException("Connection refused: 127.0.0.1:1");
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), any(Class.class))).thenThrow(down);
        when(container.readItem(anyString(), any(PartitionKey.class), any(Class.class))).thenThrow(down);
        AppContext.install(new AppContext(settings, cosmos, new BlobServiceClientBuilder().connectionString(blob).buildClient(),
                Clock.systemUTC()));

        LookupSupport.Answer a = LookupSupport.get("/api/health");
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.body().path("status").asText()).isEqualTo("unavailable");
        assertThat(a.body().path("error").asText()).contains("Cosmos DB");

        // data routes answer a JSON 500/503, not an exception
        assertThat(LookupSupport.get("/api/conversations").status()).isEqualTo(500);
        assertThat(LookupSupport.get("/api/conversations").body().path("error").asText()).isEqualTo("internal error");
    }
}
