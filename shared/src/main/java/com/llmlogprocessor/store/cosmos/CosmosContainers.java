package com.llmlogprocessor.store.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;

/**
 * Container names and partition keys. In Azure the Bicep template creates them (with indexing
 * policies and TTL); {@link #ensure} creates them for local runs and tests.
 */
public final class CosmosContainers {
    /** Partition key {@code /id}: a lookup by correlation id is a point read. */
    public static final String CONVERSATIONS = "conversations";
    /** Partition key {@code /correlationId}: all pieces of one call in one logical partition. */
    public static final String STAGING = "staging";
    /** Partition key {@code /pk}: usage rollups. */
    public static final String ROLLUPS = "rollups";

    private CosmosContainers() {
    }

    public static CosmosDatabase ensure(CosmosClient client, String database) {
        client.createDatabaseIfNotExists(database);
        CosmosDatabase db = client.getDatabase(database);
        create(db, new CosmosContainerProperties(CONVERSATIONS, "/id"));
        CosmosContainerProperties staging = new CosmosContainerProperties(STAGING, "/correlationId");
        staging.setDefaultTimeToLiveInSeconds(-1); // TTL on; each item carries its own ttl
        create(db, staging);
        create(db, new CosmosContainerProperties(ROLLUPS, "/pk"));
        return db;
    }

    private static void create(CosmosDatabase db, CosmosContainerProperties props) {
        try {
            db.createContainerIfNotExists(props);
        } catch (CosmosException e) {
            if (e.getStatusCode() != 409) {
                throw e;
            }
        }
    }

    static boolean isNotFound(CosmosException e) {
        return e.getStatusCode() == 404;
    }
}
