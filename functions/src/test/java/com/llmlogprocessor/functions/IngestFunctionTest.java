package com.llmlogprocessor.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmlogprocessor.ingest.EventBody;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestFunctionTest {

    @Test
    @SuppressWarnings("unchecked")
    void givenSystemProperties_thenBodiesCarryPartitionSequenceAndTime() {
        Map<String, Object>[] props = new Map[] {
            Map.of("SequenceNumber", 41, "EnqueuedTimeUtc", "2026-12-04T10:00:00Z"),
            Map.of("SequenceNumber", "42", "EnqueuedTimeUtc", "2026-12-04T10:00:01.5")
        };
        List<EventBody> bodies = IngestFunction.toBodies(new String[] {"a", "b"}, props, Map.of("PartitionId", "3"));
        assertThat(bodies).extracting(EventBody::partitionId).containsExactly("3", "3");
        assertThat(bodies).extracting(EventBody::sequenceNumber).containsExactly(41L, 42L);
        assertThat(bodies.get(0).enqueuedTime()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(bodies.get(1).enqueuedTime()).isEqualTo(Instant.parse("2026-12-04T10:00:01.5Z"));
        assertThat(bodies.get(1).body()).isEqualTo("b");
    }

    @Test
    void givenNoSystemProperties_thenBodyHashesStandInForSequenceNumbers() {
        List<EventBody> bodies = IngestFunction.toBodies(new String[] {"a", "b"}, null, null);
        assertThat(bodies.get(0).sequenceNumber()).isNotEqualTo(bodies.get(1).sequenceNumber())
                .isEqualTo(IngestFunction.toBodies(new String[] {"a"}, null, null).get(0).sequenceNumber());
        assertThat(bodies).extracting(EventBody::partitionId).containsOnly("unknown");
    }
}
