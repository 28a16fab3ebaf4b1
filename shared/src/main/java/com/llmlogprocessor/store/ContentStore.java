package com.llmlogprocessor.store;

import java.util.Optional;

/** Request/response contents too large to keep inline in a conversation document. */
public interface ContentStore {
    void put(String name, byte[] json);

    Optional<byte[]> get(String name);

    static String requestName(String correlationId) {
        return safe(correlationId) + "/request.json";
    }

    static String responseName(String correlationId) {
        return safe(correlationId) + "/response.json";
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
