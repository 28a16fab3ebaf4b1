package com.llmlogprocessor.benchmarks;

import com.llmlogprocessor.assemble.AssembledCall;
import com.llmlogprocessor.assemble.CallPieces;
import com.llmlogprocessor.assemble.ChunkAssembler;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.conversation.ChatText;
import com.llmlogprocessor.conversation.ConversationBuilder;
import com.llmlogprocessor.conversation.Enricher;
import com.llmlogprocessor.conversation.MessageText;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.parse.GatewayLlmRecord;
import com.llmlogprocessor.parse.ParsedBody;
import com.llmlogprocessor.parse.RecordParser;
import com.llmlogprocessor.traffic.Delivered;
import com.llmlogprocessor.traffic.Delivery;
import com.llmlogprocessor.traffic.GeneratedCall;
import com.llmlogprocessor.traffic.Mix;
import com.llmlogprocessor.traffic.TrafficGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark inputs, all from the seeded {@link TrafficGenerator}: every JVM (JMH forks, the
 * memory probe, the harness that converts scores to MB/s) rebuilds exactly the same bytes.
 */
public final class Workloads {
    public static final long SEED = 20261204L;
    /** Calls in the REALISTIC throughput workload. */
    public static final int REALISTIC_CALLS = 150;
    /** Calls in the STRESS throughput workload (each ~2 MB request + ~2 MB response). */
    public static final int STRESS_CALLS = 4;
    /** Event Hub trigger batch size (host.json maxEventBatchSize). */
    public static final int BATCH = 100;
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    private Workloads() {
    }

    /** Bodies and what they hold. */
    public record Workload(String name, List<String> bodies, int calls, int records, long utf8Bytes) {
        public double megabytes() {
            return utf8Bytes / 1e6;
        }
    }

    public static Workload of(String mix) {
        return switch (mix) {
            case "REALISTIC" -> build("REALISTIC", REALISTIC_CALLS, Mix.REALISTIC);
            case "STRESS" -> build("STRESS", STRESS_CALLS, Mix.STRESS);
            default -> throw new IllegalArgumentException(mix);
        };
    }

    private static Workload build(String name, int n, Mix mix) {
        TrafficGenerator gen = new TrafficGenerator(SEED);
        List<GeneratedCall> calls = gen.mix(n, mix);
        Delivered d = gen.deliver(calls, Delivery.inOrder());
        return new Workload(name, d.bodies(), n, d.recordCount(), utf8(d.bodies()));
    }

    /**
     * STRESS traffic in bodies of at most 1 000 000 chars, calls added until there are at least
     * {@code minBodies} bodies (whole calls only, so the batch completes every conversation).
     */
    public static Workload stressBatch(int minBodies) {
        List<GeneratedCall> calls = new ArrayList<>();
        // as many records as fit: bodies close to the 1 000 000-char cap
        Delivery d = Delivery.inOrder().withRecordsPerBody(100_000, 100_000).withMaxBodyChars(1_000_000);
        TrafficGenerator counter = new TrafficGenerator(0);
        int bodies = 0;
        for (int chunk = 0; bodies < minBodies; chunk++) {
            // chunks of five keep STRESS's pattern (every fifth call over the cap)
            for (GeneratedCall c : new TrafficGenerator(SEED + 1 + chunk).mix(5, Mix.STRESS)) {
                if (bodies >= minBodies) {
                    break;
                }
                calls.add(c);
                bodies += counter.bodies(List.of(c), d).size();
            }
        }
        Delivered out = new TrafficGenerator(SEED).deliver(calls, d);
        return new Workload("STRESS batch", out.bodies(), calls.size(), out.recordCount(), utf8(out.bodies()));
    }

    public static long utf8(List<String> bodies) {
        long n = 0;
        for (String b : bodies) {
            n += utf8Length(b);
        }
        return n;
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Event Hub trigger batches of {@link #BATCH} bodies, sequence numbers from {@code firstSeq}. */
    public static List<List<EventBody>> batches(List<String> bodies, String partition, long firstSeq) {
        List<List<EventBody>> out = new ArrayList<>();
        List<EventBody> cur = new ArrayList<>();
        Instant enq = CLOCK.instant();
        for (int i = 0; i < bodies.size(); i++) {
            cur.add(new EventBody(bodies.get(i), partition, firstSeq + i, enq));
            if (cur.size() == BATCH) {
                out.add(cur);
                cur = new ArrayList<>();
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    public static ConversationBuilder builder() {
        return new ConversationBuilder(Enricher.defaults(), Settings.ContentMode.FULL,
                Settings.DEFAULT_CONTENT_INLINE_MAX_BYTES);
    }

    /** Request and response text of the first complete, untruncated STRESS call, as the pipeline extracts it. */
    public record Conversation(List<ChatText> request, List<ChatText> response, long utf8Bytes) {
    }

    public static Conversation stressConversation() {
        TrafficGenerator gen = new TrafficGenerator(SEED);
        for (GeneratedCall c : gen.mix(4, Mix.STRESS)) {
            if (c.requestTruncated() || c.responseTruncated() || !c.hasResponse()) {
                continue;
            }
            RecordParser parser = new RecordParser();
            CallPieces pieces = new CallPieces(c.correlationId());
            for (String body : gen.bodies(List.of(c), Delivery.inOrder())) {
                ParsedBody p = parser.parse(body);
                for (GatewayLlmRecord r : p.llmRecords()) {
                    pieces.add(r);
                }
            }
            AssembledCall call = new ChunkAssembler().assemble(pieces);
            List<ChatText> req = MessageText.of(call.requestMessages());
            List<ChatText> resp = MessageText.of(call.responseMessages());
            long bytes = 0;
            for (ChatText t : req) {
                bytes += utf8Length(t.text());
            }
            for (ChatText t : resp) {
                bytes += utf8Length(t.text());
            }
            return new Conversation(req, resp, bytes);
        }
        throw new IllegalStateException("no complete STRESS call");
    }
}
