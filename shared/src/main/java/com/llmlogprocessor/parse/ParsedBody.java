package com.llmlogprocessor.parse;

import java.util.List;

/**
 * What one Event Hub body held. {@code problems} lists why records (or the whole body) could not
 * be used; they never quote content. {@code undecodable} is set when the body is not JSON at all
 * (or breaks off), in which case the records read before the break are still returned.
 */
public record ParsedBody(
        List<GatewayLlmRecord> llmRecords,
        List<GatewayLogRecord> gatewayRecords,
        int otherCategoryRecords,
        List<String> problems,
        String undecodable) {

    public ParsedBody {
        llmRecords = List.copyOf(llmRecords);
        gatewayRecords = List.copyOf(gatewayRecords);
        problems = List.copyOf(problems);
    }

    public int recordCount() {
        return llmRecords.size() + gatewayRecords.size() + otherCategoryRecords + problems.size();
    }

    public boolean hasProblems() {
        return undecodable != null || !problems.isEmpty();
    }
}
