package com.llmlogprocessor.local;

import com.azure.cosmos.CosmosClient;
import com.azure.storage.blob.BlobServiceClient;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.local.emulator.Emulators;
import com.llmlogprocessor.store.AzureClients;
import com.llmlogprocessor.store.blob.BlobArchive;
import com.llmlogprocessor.store.cosmos.CosmosContainers;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Wires the real app (the same {@link AppContext} the function classes use) to running emulators:
 * settings as local.settings.json would give them, containers created, context installed. Used by
 * the local host and by the integration tests.
 */
public final class LocalApp {
    private LocalApp() {
    }

    /** The settings for the emulators; {@code overrides} win (e.g. another database per test). */
    public static Settings settings(Emulators emulators, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.COSMOS_ENDPOINT, emulators.cosmosEndpoint());
        env.put(Settings.COSMOS_KEY, emulators.cosmosKey());
        env.put(Settings.COSMOS_DATABASE, Settings.DEFAULT_DATABASE);
        env.put(Settings.ARCHIVE_CONNECTION_STRING, emulators.blobConnectionString());
        env.putAll(overrides);
        return Settings.from(env);
    }

    /** Builds, installs and returns the app context on the emulators. */
    public static AppContext start(Emulators emulators, Map<String, String> overrides, Clock clock) {
        Settings s = settings(emulators, overrides);
        // Trust the emulator's self-signed certificate (localhost only; see Emulators).
        System.setProperty(Emulators.COSMOS_CERT_VALIDATION_DISABLED, "true");
        CosmosClient cosmos = AzureClients.cosmos(s);
        CosmosContainers.ensure(cosmos, s.cosmosDatabase());
        BlobServiceClient blob = AzureClients.blob(s);
        new BlobArchive(blob).ensureContainers();
        AppContext context = new AppContext(s, cosmos, blob, clock);
        AppContext.install(context);
        return context;
    }
}
