package com.llmlogprocessor.store;

import com.llmlogprocessor.conversation.ConversationDocument;
import java.util.Optional;

/** The conversations container: one document per correlation id. */
public interface ConversationStore {
    void upsert(ConversationDocument doc);

    Optional<StoredConversation> read(String correlationId);

    /** Replaces only if the stored ETag still matches; false when someone else wrote first. */
    boolean replaceIfMatch(ConversationDocument doc, String etag);
}
