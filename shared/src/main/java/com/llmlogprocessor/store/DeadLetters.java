package com.llmlogprocessor.store;

import com.llmlogprocessor.ingest.EventBody;
import java.util.List;

/** Bodies (or parts of bodies) that could not be used, with the reasons, for inspection and replay. */
public interface DeadLetters {
    /** Idempotent: the same event always lands under the same name. Returns the blob name. */
    String put(EventBody body, List<String> reasons);

    /** A call whose pieces were read but could not be turned into a document. */
    String putCall(String correlationId, List<String> reasons);

    static String nameOf(EventBody b) {
        return RawArchive.nameOf(b).replace(".json.gz", ".json");
    }

    static String callName(String correlationId) {
        return "calls/" + correlationId.replaceAll("[^A-Za-z0-9_.-]", "_") + ".json";
    }
}
