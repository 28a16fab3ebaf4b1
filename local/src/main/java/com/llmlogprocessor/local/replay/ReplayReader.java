package com.llmlogprocessor.local.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Turns the lines of a replay file into Event Hub bodies. Two forms, told apart line by line:
 * <ul>
 *   <li>a line holding a {@code {"records":[...]}} envelope, a bare array or anything that is not
 *       a JSON object (garbage included) is one body, exactly as written: ingest dead-letters what
 *       it cannot decode, which is the product's behaviour;</li>
 *   <li>a line holding a bare record object is the diagnostic archive's form ({@code PT1H.json},
 *       JSON Lines without an envelope): consecutive record lines are grouped into one JSON Lines
 *       body of up to {@value #MAX_RECORDS_PER_BODY} records / {@value #MAX_BODY_CHARS} characters,
 *       which the parser reads like the real thing.</li>
 * </ul>
 * Blank lines are skipped. A body's sequence number is the line number of its first line, so
 * replaying the same file again gives the same numbers (and overwrites the same raw blobs).
 */
public final class ReplayReader {
    public static final int MAX_RECORDS_PER_BODY = 500;
    public static final int MAX_BODY_CHARS = 1_000_000;

    private static final JsonFactory JSON = new JsonFactory();

    private ReplayReader() {
    }

    public enum LineKind { BODY, RECORD, BLANK }

    /**
     * One body to ingest.
     *
     * @param text      the body
     * @param firstLine 1-based line number of its first line (its sequence number)
     * @param records   lines grouped into it (1 for a body line)
     */
    public record Body(String text, long firstLine, int records) {
    }

    /** Envelope, array, non-JSON → a body of its own; a bare JSON object without {@code records} → a record. */
    public static LineKind classify(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return LineKind.BLANK;
        }
        if (t.charAt(0) != '{') {
            return LineKind.BODY;
        }
        try (JsonParser p = JSON.createParser(t)) {
            p.nextToken(); // START_OBJECT
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                if ("records".equalsIgnoreCase(p.currentName())) {
                    return LineKind.BODY;
                }
                p.nextToken();
                p.skipChildren();
            }
            // One complete object and nothing after it: a record. Anything else is left to ingest.
            return token == JsonToken.END_OBJECT && p.nextToken() == null ? LineKind.RECORD : LineKind.BODY;
        } catch (IOException e) {
            return LineKind.BODY; // malformed: one body, dead-lettered by ingest with the reason
        }
    }

    /** Reads every body of {@code in}, in file order. */
    public static void read(BufferedReader in, Consumer<Body> sink) throws IOException {
        StringBuilder group = new StringBuilder();
        int groupRecords = 0;
        long groupFirst = 0;
        long lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1); // UTF-8 byte-order mark
            }
            LineKind kind = classify(line);
            if (kind == LineKind.BLANK) {
                continue;
            }
            if (kind == LineKind.RECORD) {
                if (groupRecords > 0 && (groupRecords >= MAX_RECORDS_PER_BODY
                        || group.length() + line.length() + 1 > MAX_BODY_CHARS)) {
                    sink.accept(new Body(group.toString(), groupFirst, groupRecords));
                    group.setLength(0);
                    groupRecords = 0;
                }
                if (groupRecords == 0) {
                    groupFirst = lineNo;
                }
                group.append(line.strip()).append('\n');
                groupRecords++;
                continue;
            }
            if (groupRecords > 0) {
                sink.accept(new Body(group.toString(), groupFirst, groupRecords));
                group.setLength(0);
                groupRecords = 0;
            }
            sink.accept(new Body(line, lineNo, 1));
        }
        if (groupRecords > 0) {
            sink.accept(new Body(group.toString(), groupFirst, groupRecords));
        }
    }
}
