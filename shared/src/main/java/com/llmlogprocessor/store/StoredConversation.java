package com.llmlogprocessor.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A conversation document as read back, with the ETag for a conditional replace. */
public record StoredConversation(ObjectNode document, String etag) {
    public String status() {
        return document.path("status").asText(null);
    }
}
