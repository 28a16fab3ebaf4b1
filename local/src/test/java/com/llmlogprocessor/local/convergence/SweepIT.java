package com.llmlogprocessor.local.convergence;

import static com.llmlogprocessor.testdata.RecordTestData.call;
import static com.llmlogprocessor.testdata.RecordTestData.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.functions.SweepFunction;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.local.LocalApp;
import com.llmlogprocessor.local.LocalExecutionContext;
import com.llmlogprocessor.local.emulator.Emulators;
import com.llmlogprocessor.testdata.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The timer sweeper through {@link SweepFunction} on the emulators, with a hand-moved clock. */
class SweepIT {
    private static final String REQ = "[{\"role\":\"user\",\"content\":\"Summarise the attached \\u00e9t\\u00e9 report\"}]";
    private static final String RESP = "{\"role\":\"assistant\",\"content\":\"It says revenue grew.\"}";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-04T10:30:00Z"));
    private static AppContext app;
    private static long seq;

    @BeforeAll
    static void start() {
        app = LocalApp.start(Emulators.shared(),
                Map.of(Settings.COSMOS_DATABASE, "sweep-it", Settings.SWEEP_GRACE_MINUTES, "10"), CLOCK);
    }

    private static void ingest(List<ObjectNode> records) {
        app.pipeline().ingest(List.of(new EventBody(envelope(records), "sweep", seq++, CLOCK.instant())));
    }

    private static void sweep() {
        AppContext.install(app);
        new SweepFunction().run("timer", new LocalExecutionContext("test", null, java.util.logging.Level.OFF));
    }

    private static String status(String id) {
        return app.conversations().read(id).map(s -> s.status()).orElse(null);
    }

    @Test
    void givenCallsLeftIncomplete_thenSweptAfterGraceAndRepairedByLatePieces() {
        List<ObjectNode> holed = new ArrayList<>(call("sweep-partial", REQ, RESP, 12));
        ObjectNode missing = holed.remove(2);
        ingest(holed);
        ingest(call("sweep-noresp", REQ, null, 12));

        CLOCK.advance(Duration.ofMinutes(5));
        sweep();
        assertThat(status("sweep-partial")).isNull();
        assertThat(status("sweep-noresp")).isNull();

        CLOCK.advance(Duration.ofMinutes(6));
        sweep();
        assertThat(status("sweep-partial")).isEqualTo("partial");
        assertThat(app.conversations().read("sweep-partial").orElseThrow().document().at("/chunks/missing").toString())
                .isEqualTo("[2]");
        assertThat(status("sweep-noresp")).isEqualTo("no_response");

        ingest(List.of(missing));
        assertThat(status("sweep-partial")).isEqualTo("complete");
        CLOCK.advance(Duration.ofMinutes(30));
        sweep();
        assertThat(status("sweep-partial")).as("a later sweep never downgrades").isEqualTo("complete");
    }
}
