package com.llmlogprocessor.query;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosDatabase;
import com.llmlogprocessor.ingest.BatchListener;
import com.llmlogprocessor.store.ContentStore;
import com.llmlogprocessor.store.cosmos.CosmosContainers;
import java.time.Clock;

/** The read side, built once per process by the composition root, plus the ingest hook it needs. */
public record Lookups(ConversationQueries conversations, UsageRollups usage, TopQuestions questions,
                      HealthReport health, BatchListener ingestBookkeeping) {

    public static Lookups create(CosmosDatabase database, ContentStore content, Clock clock) {
        CosmosContainer conversations = database.getContainer(CosmosContainers.CONVERSATIONS);
        CosmosContainer rollups = database.getContainer(CosmosContainers.ROLLUPS);
        UsageRollups usage = new UsageRollups(rollups, conversations, clock);
        HealthCounters counters = new HealthCounters(rollups);
        return new Lookups(new ConversationQueries(conversations, content), usage, new TopQuestions(conversations),
                new HealthReport(conversations, counters, clock), new IngestBookkeeping(usage, counters, clock));
    }
}
