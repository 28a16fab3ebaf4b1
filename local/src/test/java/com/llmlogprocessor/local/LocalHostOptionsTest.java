package com.llmlogprocessor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.llmlogprocessor.local.LocalHostOptions.Target;
import com.llmlogprocessor.local.LocalHostOptions.UsageException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalHostOptionsTest {

    @Test
    void givenNoArguments_thenRunLocalDefaults() throws Exception {
        LocalHostOptions o = LocalHostOptions.parse();
        assertThat(o.port()).isEqualTo(7071);
        assertThat(o.samples()).isTrue();
        assertThat(o.replay()).isEmpty();
        assertThat(o.target()).isEqualTo(Target.LOCAL);
        assertThat(o.serve()).isTrue();
        assertThat(o).isEqualTo(LocalHostOptions.defaults());
    }

    @Test
    void givenEveryOption_thenParsed() throws Exception {
        LocalHostOptions o = LocalHostOptions.parse("--replay", "a.jsonl", "--replay=logs/", "--port", "8080",
                "--no-samples", "--exit-after-replay");
        assertThat(o.replay()).containsExactly(Path.of("a.jsonl"), Path.of("logs/"));
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.portGiven()).isTrue();
        assertThat(o.samples()).isFalse();
        assertThat(o.exitAfterReplay()).isTrue();
        assertThat(o.serve()).isFalse();
    }

    @Test
    void givenTargetAzure_thenNoSamplesAndServingOnlyWithPort() throws Exception {
        LocalHostOptions replayOnly = LocalHostOptions.parse("--target", "azure", "--replay", "x.json");
        assertThat(replayOnly.samples()).isFalse();
        assertThat(replayOnly.serve()).isFalse();
        assertThat(replayOnly.settingsFile()).isEmpty();

        LocalHostOptions serving = LocalHostOptions.parse("--target=azure", "--port", "7072", "--settings", "my.json");
        assertThat(serving.serve()).isTrue();
        assertThat(serving.settingsFile()).contains(Path.of("my.json"));
    }

    @Test
    void givenBadCommandLines_thenUsageErrorsNamingTheProblem() {
        List<List<String>> bad = List.of(
                List.of("--bogus"),
                List.of("--port"),
                List.of("--port", "http"),
                List.of("--port", "70000"),
                List.of("--replay"),
                List.of("--replay", "--no-samples"),
                List.of("--target", "mars"),
                List.of("--target", "azure"),
                List.of("--settings", "x.json"),
                List.of("--no-samples=yes"),
                List.of("stray.json"));
        for (List<String> args : bad) {
            assertThatThrownBy(() -> LocalHostOptions.parse(args.toArray(String[]::new)))
                    .as(String.join(" ", args))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining(args.get(0).startsWith("--") ? args.get(0).split("=")[0] : "--replay");
        }
    }

    @Test
    void givenABadOption_thenExitCode2_andHelpExits0() {
        assertThat(LocalHost.run(new String[] {"--bogus"})).isEqualTo(2);
        assertThat(LocalHost.run(new String[] {"--replay", "/no/such/file.jsonl", "--exit-after-replay"})).isEqualTo(2);
        assertThat(LocalHost.run(new String[] {"--help"})).isEqualTo(0);
    }
}
