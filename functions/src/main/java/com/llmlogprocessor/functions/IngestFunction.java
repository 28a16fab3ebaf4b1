package com.llmlogprocessor.functions;

import com.llmlogprocessor.ingest.BatchResult;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.parse.RecordParser;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.EventHubTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Receives APIM diagnostic log batches from Event Hub and runs them through the ingest pipeline.
 *
 * <p>Settings: {@code EVENTHUB_NAME}, {@code EVENTHUB_CONSUMER_GROUP}, {@code EVENTHUB_CONNECTION}
 * (a connection string locally; {@code EVENTHUB_CONNECTION__fullyQualifiedNamespace} with the
 * managed identity in Azure), plus everything {@link com.llmlogprocessor.config.Settings} reads.
 *
 * <p>Example event body (one of the batch):
 * <pre>{"records":[{"time":"2026-12-04T10:15:30.1234567Z","category":"GatewayLlmLogs",
 *   "correlationId":"7b0c...","properties":{"sequenceNumber":1,"requestMessages":"[{\"role\":\"us"}}]}</pre>
 *
 * <p>A store failure throws, so the retry policy redelivers the batch; every write is idempotent.
 * Bad bodies are dead-lettered and never fail the batch.
 */
public class IngestFunction {

    @FunctionName("ingest")
    // Unlimited retries: the checkpoint only advances past a batch that succeeded, so a store
    // outage delays ingestion instead of skipping events. Bad data never throws, so this cannot
    // loop on a poison event.
    @ExponentialBackoffRetry(maxRetryCount = -1, minimumInterval = "00:00:05", maximumInterval = "00:05:00")
    public void run(
            @EventHubTrigger(name = "events", eventHubName = "%EVENTHUB_NAME%", consumerGroup = "%EVENTHUB_CONSUMER_GROUP%",
                    connection = "EVENTHUB_CONNECTION", cardinality = Cardinality.MANY, dataType = "string")
            String[] events,
            @BindingName("SystemPropertiesArray") Map<String, Object>[] systemProperties,
            @BindingName("PartitionContext") Map<String, Object> partitionContext,
            ExecutionContext context) {
        List<EventBody> bodies = toBodies(events, systemProperties, partitionContext);
        BatchResult result = AppContext.get().pipeline().ingest(bodies);
        java.util.logging.Logger logger = context.getLogger();
        LogRecord record = logRecord(result);
        record.setLoggerName(logger.getName());
        logger.log(record);
    }

    /**
     * The batch's log line. The counters object rides along as the record's parameter (the text
     * has no placeholders, so every formatter prints the same line), which lets the local replay
     * host total them up without parsing text.
     */
    static LogRecord logRecord(BatchResult result) {
        LogRecord record = new LogRecord(Level.INFO, "ingest batch: " + result);
        record.setParameters(new Object[] {result});
        return record;
    }

    static List<EventBody> toBodies(String[] events, Map<String, Object>[] props, Map<String, Object> partitionContext) {
        String partition = partitionContext == null ? null : text(partitionContext.get("PartitionId"));
        List<EventBody> out = new ArrayList<>(events.length);
        for (int i = 0; i < events.length; i++) {
            Map<String, Object> p = props != null && i < props.length ? props[i] : Map.of();
            String part = partition != null ? partition : firstText(p, "PartitionId", "x-opt-partition-id");
            long seq = number(firstText(p, "SequenceNumber", "x-opt-sequence-number"), contentKey(events[i]));
            out.add(new EventBody(events[i], part == null ? "unknown" : part, seq,
                    RecordParser.parseTime(firstText(p, "EnqueuedTimeUtc", "x-opt-enqueued-time"))));
        }
        return out;
    }

    /**
     * Without system properties (never seen from the real trigger) the body's own hash names its
     * raw blob, so a redelivery still overwrites itself and two bodies never collide.
     */
    static long contentKey(String body) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((body == null ? "" : body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(h).getLong() & Long.MAX_VALUE;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstText(Map<String, Object> m, String... keys) {
        for (String k : keys) {
            String v = text(m.get(k));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static long number(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return (long) Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }


}
