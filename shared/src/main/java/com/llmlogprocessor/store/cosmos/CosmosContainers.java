package com.llmlogprocessor.store.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CompositePath;
import com.azure.cosmos.models.CompositePathSortOrder;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.IncludedPath;
import com.azure.cosmos.models.IndexingPolicy;
import java.util.List;

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
        create(db, conversations());
        CosmosContainerProperties staging = new CosmosContainerProperties(STAGING, "/correlationId");
        staging.setDefaultTimeToLiveInSeconds(-1); // TTL on; each item carries its own ttl
        create(db, staging);
        create(db, new CosmosContainerProperties(ROLLUPS, "/pk"));
        return db;
    }

    /**
     * The lookup API orders by (timestamp DESC, id DESC); a two-property ORDER BY needs this
     * composite index (the emulator enforces it as Azure does). Mirrors infra/app/cosmos.bicep.
     */
    static CosmosContainerProperties conversations() {
        CosmosContainerProperties props = new CosmosContainerProperties(CONVERSATIONS, "/id");
        IndexingPolicy policy = new IndexingPolicy();
        policy.setIncludedPaths(List.of(new IncludedPath("/*")));
        policy.setCompositeIndexes(List.of(List.of(
                new CompositePath().setPath("/timestamp").setOrder(CompositePathSortOrder.DESCENDING),
                new CompositePath().setPath("/id").setOrder(CompositePathSortOrder.DESCENDING))));
        props.setIndexingPolicy(policy);
        return props;
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
