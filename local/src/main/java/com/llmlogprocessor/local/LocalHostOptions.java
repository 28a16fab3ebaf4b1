package com.llmlogprocessor.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@link LocalHost} ({@code ./run-local.sh} passes its arguments through).
 *
 * @param replay          files or folders to replay, in the order given
 * @param port            HTTP port of the lookup API (0 = any free port)
 * @param portGiven       whether {@code --port} was on the command line (with {@code --target azure},
 *                        serving is opt-in through it)
 * @param samples         replay the bundled sample traffic first
 * @param exitAfterReplay print the summary and exit instead of serving
 * @param target          where the replay goes
 * @param settingsFile    {@code --settings FILE} for {@code --target azure}; empty = the repository's
 *                        {@code local.settings.json}
 * @param help            {@code --help}
 */
public record LocalHostOptions(List<Path> replay, int port, boolean portGiven, boolean samples,
                               boolean exitAfterReplay, Target target, Optional<Path> settingsFile, boolean help) {

    public static final int DEFAULT_PORT = 7071;

    public enum Target { LOCAL, AZURE }

    public LocalHostOptions {
        replay = List.copyOf(replay);
    }

    /** What a bare {@code ./run-local.sh} does. */
    public static LocalHostOptions defaults() {
        return new LocalHostOptions(List.of(), DEFAULT_PORT, false, true, false, Target.LOCAL, Optional.empty(), false);
    }

    public LocalHostOptions withPort(int p) {
        return new LocalHostOptions(replay, p, true, samples, exitAfterReplay, target, settingsFile, help);
    }

    public LocalHostOptions withReplay(List<Path> paths) {
        return new LocalHostOptions(paths, port, portGiven, samples, exitAfterReplay, target, settingsFile, help);
    }

    public LocalHostOptions withSamples(boolean v) {
        return new LocalHostOptions(replay, port, portGiven, v, exitAfterReplay, target, settingsFile, help);
    }

    public LocalHostOptions withExitAfterReplay(boolean v) {
        return new LocalHostOptions(replay, port, portGiven, samples, v, target, settingsFile, help);
    }

    /** Serve the lookup API after the replay? Locally unless --exit-after-replay; against Azure only with --port. */
    public boolean serve() {
        return !exitAfterReplay && (target == Target.LOCAL || portGiven);
    }

    /** A bad command line: the message says what is wrong; exit code 2. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static LocalHostOptions parse(String... args) throws UsageException {
        List<Path> replay = new ArrayList<>();
        int port = DEFAULT_PORT;
        boolean portGiven = false;
        Boolean samples = null;
        boolean exitAfterReplay = false;
        Target target = Target.LOCAL;
        Path settings = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--replay" -> {
                    if (value == null) {
                        value = next(args, ++i, "--replay", "PATH");
                    }
                    if (value.isBlank()) {
                        throw new UsageException("--replay needs a file or folder");
                    }
                    replay.add(Path.of(value));
                }
                case "--port" -> {
                    if (value == null) {
                        value = next(args, ++i, "--port", "N");
                    }
                    port = port(value);
                    portGiven = true;
                }
                case "--target" -> {
                    if (value == null) {
                        value = next(args, ++i, "--target", "local|azure");
                    }
                    target = switch (value) {
                        case "local" -> Target.LOCAL;
                        case "azure" -> Target.AZURE;
                        default -> throw new UsageException("--target must be local or azure, was '" + value + "'");
                    };
                }
                case "--settings" -> {
                    if (value == null) {
                        value = next(args, ++i, "--settings", "FILE");
                    }
                    settings = Path.of(value);
                }
                case "--no-samples" -> samples = flag(arg, value, false);
                case "--exit-after-replay" -> exitAfterReplay = flag(arg, value, true);
                case "--help", "-h" -> help = true;
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option " + arg : "unexpected argument '" + arg + "' (did you mean --replay " + arg + "?)");
            }
        }
        if (settings != null && target != Target.AZURE) {
            throw new UsageException("--settings only applies to --target azure");
        }
        if (target == Target.AZURE && !help && replay.isEmpty() && !portGiven) {
            throw new UsageException("--target azure needs --replay PATH (and/or --port N to serve lookups against Azure)");
        }
        // Bundled samples are synthetic: never pushed into a deployed system unless replayed explicitly.
        boolean withSamples = samples != null ? samples : target == Target.LOCAL;
        return new LocalHostOptions(replay, port, portGiven, withSamples, exitAfterReplay, target,
                Optional.ofNullable(settings), help);
    }

    private static String next(String[] args, int i, String option, String what) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value: " + option + " " + what);
        }
        return args[i];
    }

    private static boolean flag(String option, String value, boolean result) throws UsageException {
        if (value != null) {
            throw new UsageException(option + " takes no value");
        }
        return result;
    }

    private static int port(String s) throws UsageException {
        try {
            int p = Integer.parseInt(s.trim());
            if (p < 0 || p > 65_535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number from 1 to 65535 (0 = any free port), was '" + s + "'");
        }
    }

    public static String usage() {
        return """
                Usage: ./run-local.sh [options]

                Starts the local emulators (Azurite for Blob, a Cosmos DB server), replays the bundled
                sample logs and any --replay input through the real ingest function, finalises what is
                still pending, then serves the lookup API at http://localhost:PORT/api until Ctrl-C.

                Options:
                  --replay PATH        replay a file or folder (repeatable). A file holds Event Hub bodies
                                       one JSON per line, or diagnostic-archive JSON Lines (PT1H.json);
                                       folders are walked for *.json, *.jsonl, *.ndjson, sorted by path.
                  --port N             port of the lookup API (default 7071; 0 = any free port)
                  --no-samples         do not replay the bundled sample traffic
                  --exit-after-replay  print the summary and exit (0 = replayed, 1 = fatal error)
                  --target azure       replay into the deployed app instead: settings from
                                       local.settings.json "Values" (or --settings FILE), overridden by
                                       environment variables; no emulators, no bundled samples, no
                                       forced finalisation (the deployed sweeper does that); serves the
                                       lookup API locally only when --port is given
                  --settings FILE      settings file for --target azure (default: local.settings.json)
                  -h, --help           this text

                Exit codes: 0 ok, 1 fatal error (message on stderr), 2 bad command line.
                """;
    }
}
