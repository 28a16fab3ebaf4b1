package com.llmlogprocessor.store.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.conversation.ConversationDocument;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.store.ConversationStore;
import com.llmlogprocessor.store.StoredConversation;
import java.util.Optional;

/** Conversation documents in Cosmos DB; id and partition key are the correlation id. */
public final class CosmosConversationStore implements ConversationStore {
    private final CosmosContainer container;

    public CosmosConversationStore(CosmosContainer container) {
        this.container = container;
    }

    @Override
    public void upsert(ConversationDocument doc) {
        container.upsertItem(toNode(doc), new PartitionKey(doc.id()), new CosmosItemRequestOptions());
    }

    @Override
    public Optional<StoredConversation> read(String correlationId) {
        try {
            CosmosItemResponse<ObjectNode> r = container.readItem(correlationId, new PartitionKey(correlationId), ObjectNode.class);
            return Optional.of(new StoredConversation(r.getItem(), r.getETag()));
        } catch (CosmosException e) {
            if (CosmosContainers.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean replaceIfMatch(ConversationDocument doc, String etag) {
        try {
            container.replaceItem(toNode(doc), doc.id(), new PartitionKey(doc.id()),
                    new CosmosItemRequestOptions().setIfMatchETag(etag));
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == 412 || CosmosContainers.isNotFound(e)) {
                return false;
            }
            throw e;
        }
    }

    static ObjectNode toNode(ConversationDocument doc) {
        return Json.MAPPER.valueToTree(doc);
    }
}
