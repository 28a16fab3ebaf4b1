package com.llmlogprocessor.store;

import com.azure.core.credential.TokenCredential;
import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.ConsistencyLevel;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.llmlogprocessor.config.Settings;

/**
 * Builds the SDK clients from settings: keys and connection strings for the local emulators,
 * the managed identity (DefaultAzureCredential with {@code AZURE_CLIENT_ID}) everywhere else.
 * Callers build them once and reuse them.
 */
public final class AzureClients {
    private AzureClients() {
    }

    public static CosmosClient cosmos(Settings s) {
        CosmosClientBuilder b = new CosmosClientBuilder()
                .endpoint(s.cosmosEndpoint())
                .consistencyLevel(ConsistencyLevel.SESSION)
                .contentResponseOnWriteEnabled(false);
        if (s.cosmosKey().isPresent()) {
            // The local emulator speaks the gateway protocol only.
            b.key(s.cosmosKey().get()).gatewayMode().endpointDiscoveryEnabled(false);
        } else {
            b.credential(credential(s)).directMode();
        }
        return b.buildClient();
    }

    public static BlobServiceClient blob(Settings s) {
        BlobServiceClientBuilder b = new BlobServiceClientBuilder();
        if (s.archiveConnectionString().isPresent()) {
            b.connectionString(s.archiveConnectionString().get());
        } else {
            b.endpoint(s.archiveBlobEndpoint().orElseThrow()).credential(credential(s));
        }
        return b.buildClient();
    }

    private static TokenCredential credential(Settings s) {
        DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder();
        s.managedIdentityClientId().ifPresent(b::managedIdentityClientId);
        return b.build();
    }
}
