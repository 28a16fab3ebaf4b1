package com.llmlogprocessor.assemble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import com.llmlogprocessor.parse.GatewayLogRecord;
import java.time.Instant;
import java.util.List;

/**
 * One correlation's pieces joined: the metadata row, the request and response messages parsed
 * from their joined fragments, and the facts that decide completeness. {@code time} is the
 * metadata row's time, else the earliest time of any piece. {@code requestMessages} /
 * {@code responseMessages} are null when the joined text is absent or does not parse.
 */
public record AssembledCall(
        String correlationId,
        Instant time,
        GatewayLlmRecord metadata,
        GatewayLogRecord gateway,
        List<Integer> received,
        List<Integer> missing,
        ArrayNode requestMessages,
        ArrayNode responseMessages,
        long requestChars,
        long responseChars,
        boolean requestUnparseable,
        boolean responseUnparseable,
        List<String> sources) {

    public AssembledCall {
        received = List.copyOf(received);
        missing = List.copyOf(missing);
        sources = List.copyOf(sources);
    }

    public boolean hasResponseFragments() {
        return responseChars > 0;
    }

    /** Contiguous from 0, metadata present, request and response both parse. */
    public boolean isComplete() {
        return metadata != null && missing.isEmpty() && requestMessages != null && responseMessages != null;
    }

    /**
     * The backend call failed (the GatewayLogs half says so) and no response was logged: nothing
     * more will come, so the call can be finished without waiting.
     */
    public boolean isSettledWithoutResponse() {
        return metadata != null && missing.isEmpty() && !hasResponseFragments()
                && (requestMessages != null || requestChars == 0)
                && gateway != null && failed(gateway);
    }

    /** The status a call gets when it is finalised as it is now. */
    public ConversationStatus statusIfFinalisedNow() {
        if (isComplete()) {
            return ConversationStatus.COMPLETE;
        }
        if (missing.isEmpty() && metadata != null && !hasResponseFragments() && !requestUnparseable) {
            return ConversationStatus.NO_RESPONSE;
        }
        return ConversationStatus.PARTIAL;
    }

    private static boolean failed(GatewayLogRecord g) {
        return (g.responseCode() != null && g.responseCode() >= 400)
                || (g.backendResponseCode() != null && g.backendResponseCode() >= 400);
    }
}
