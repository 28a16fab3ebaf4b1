package com.llmlogprocessor.functions;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.storage.blob.BlobServiceClient;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.conversation.ConversationBuilder;
import com.llmlogprocessor.conversation.Enricher;
import com.llmlogprocessor.ingest.IngestPipeline;
import com.llmlogprocessor.query.Lookups;
import com.llmlogprocessor.store.AzureClients;
import com.llmlogprocessor.store.ContentStore;
import com.llmlogprocessor.store.ConversationStore;
import com.llmlogprocessor.store.DeadLetters;
import com.llmlogprocessor.store.RawArchive;
import com.llmlogprocessor.store.StagingStore;
import com.llmlogprocessor.store.blob.BlobArchive;
import com.llmlogprocessor.store.cosmos.CosmosContainers;
import com.llmlogprocessor.store.cosmos.CosmosConversationStore;
import com.llmlogprocessor.store.cosmos.CosmosStagingStore;
import java.time.Clock;

/**
 * Composition root. The Java worker creates a new function-class instance per invocation, so the
 * SDK clients and everything built on them live here, built once per process on first use.
 * Tests and the local host install their own context with {@link #install}.
 */
public final class AppContext {
    private static volatile AppContext current;

    private final Settings settings;
    private final CosmosDatabase database;
    private final BlobArchive archive;
    private final IngestPipeline pipeline;
    private final CosmosConversationStore conversations;
    private final CosmosStagingStore staging;
    private final Lookups lookups;
    private final Clock clock;
    private final ConversationBuilder builder;

    public AppContext(Settings settings, CosmosClient cosmos, BlobServiceClient blob, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.database = cosmos.getDatabase(settings.cosmosDatabase());
        this.archive = new BlobArchive(blob);
        this.conversations = new CosmosConversationStore(database.getContainer(CosmosContainers.CONVERSATIONS));
        this.staging = new CosmosStagingStore(database.getContainer(CosmosContainers.STAGING));
        this.builder = new ConversationBuilder(Enricher.from(settings),
                settings.contentMode(), settings.contentInlineMaxBytes());
        this.lookups = Lookups.create(database, archive, clock);
        this.pipeline = pipelineWith(archive, archive, conversations, staging, archive);
    }

    /** The ingest pipeline over other stores (fault-injecting wrappers in tests), same enrichment and clock. */
    public IngestPipeline pipelineWith(RawArchive raw, DeadLetters deadLetters, ConversationStore conversations,
                                       StagingStore staging, ContentStore content) {
        return new IngestPipeline(raw, deadLetters, conversations, staging, content, builder, clock,
                lookups.ingestBookkeeping());
    }

    /** The process-wide context, built from the environment on first use. */
    public static AppContext get() {
        AppContext c = current;
        if (c == null) {
            synchronized (AppContext.class) {
                c = current;
                if (c == null) {
                    Settings s = Settings.fromEnvironment();
                    c = new AppContext(s, AzureClients.cosmos(s), AzureClients.blob(s), Clock.systemUTC());
                    current = c;
                }
            }
        }
        return c;
    }

    /** Installs a context built elsewhere (tests, local host). */
    public static void install(AppContext context) {
        current = context;
    }

    public Settings settings() {
        return settings;
    }

    public CosmosDatabase database() {
        return database;
    }

    public BlobArchive archive() {
        return archive;
    }

    public IngestPipeline pipeline() {
        return pipeline;
    }

    public CosmosConversationStore conversations() {
        return conversations;
    }

    public CosmosStagingStore staging() {
        return staging;
    }

    /** The read side of the lookup API (queries, usage rollups, health). */
    public Lookups lookups() {
        return lookups;
    }

    public Clock clock() {
        return clock;
    }
}
