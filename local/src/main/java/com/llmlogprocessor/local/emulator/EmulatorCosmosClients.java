package com.llmlogprocessor.local.emulator;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;

/**
 * Cosmos clients for the local cosmos-server: gateway mode (the server speaks only the REST
 * gateway protocol, no direct/RNTBD), endpoint discovery off (there is one region, this endpoint).
 * Local/test only; the app's production client is built by its composition root.
 */
public final class EmulatorCosmosClients {

    private EmulatorCosmosClients() {
    }

    public static CosmosClientBuilder builder(Emulators emulators) {
        return builder(emulators.cosmosEndpoint(), emulators.cosmosKey());
    }

    public static CosmosClientBuilder builder(String endpoint, String key) {
        // Read by the SDK when the client is built; applies to localhost/127.0.0.1 endpoints only.
        System.setProperty(Emulators.COSMOS_CERT_VALIDATION_DISABLED, "true");
        return new CosmosClientBuilder()
                .endpoint(endpoint)
                .key(key)
                .gatewayMode()
                .endpointDiscoveryEnabled(false)
                .contentResponseOnWriteEnabled(true);
    }

    public static CosmosClient client(Emulators emulators) {
        return builder(emulators).buildClient();
    }

    public static CosmosAsyncClient asyncClient(Emulators emulators) {
        return builder(emulators).buildAsyncClient();
    }
}
