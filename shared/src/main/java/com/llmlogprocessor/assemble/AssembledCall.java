package com.llmlogprocessor.assemble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import com.llmlogprocessor.parse.GatewayLogRecord;
import java.time.Instant;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * One correlation's pieces joined: the metadata row, the request and response messages parsed
 * from their joined fragments, and the facts that decide completeness. {@code time} is the
 * metadata row's time, else the earliest time of any piece. {@code requestText} /
 * {@code responseText} are the joined fragments as logged (null when there are none): what is
 * kept of a side whose join does not parse. {@code requestMessages} /
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
        String requestText,
        String responseText,
        List<String> sources) {

    public AssembledCall {
        received = List.copyOf(received);
        missing = List.copyOf(missing);
        sources = List.copyOf(sources);
    }

    /** The same call with its GatewayLogs half joined. */
    public AssembledCall withGateway(GatewayLogRecord g) {
        return new AssembledCall(correlationId, time, metadata, g, received, missing, requestMessages,
                responseMessages, requestText, responseText, sources);
    }

    public long requestChars() {
        return requestText == null ? 0 : requestText.length();
    }

    public long responseChars() {
        return responseText == null ? 0 : responseText.length();
    }

    public boolean requestUnparseable() {
        return requestText != null && requestMessages == null;
    }

    public boolean responseUnparseable() {
        return responseText != null && responseMessages == null;
    }

    public boolean hasResponseFragments() {
        return responseText != null;
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
                && (requestMessages != null || requestText == null)
                && gateway != null && failed(gateway);
    }

    /**
     * Nothing is missing, but a side reached APIM's size cap and does not parse: APIM dropped the
     * rest, so waiting cannot complete it. Finished at once as {@code partial} (truncated).
     */
    public boolean isSettledAtCap(LongPredicate atCap) {
        boolean requestDone = requestMessages != null || (requestText != null && atCap.test(requestText.length()));
        boolean responseDone = responseMessages != null || (responseText != null && atCap.test(responseText.length()));
        return metadata != null && missing.isEmpty() && requestDone && responseDone && !isComplete();
    }

    /** The status a call gets when it is finalised as it is now. */
    public ConversationStatus statusIfFinalisedNow() {
        if (isComplete()) {
            return ConversationStatus.COMPLETE;
        }
        if (missing.isEmpty() && metadata != null && !hasResponseFragments() && !requestUnparseable()) {
            return ConversationStatus.NO_RESPONSE;
        }
        return ConversationStatus.PARTIAL;
    }

    private static boolean failed(GatewayLogRecord g) {
        return (g.responseCode() != null && g.responseCode() >= 400)
                || (g.backendResponseCode() != null && g.backendResponseCode() >= 400);
    }
}
