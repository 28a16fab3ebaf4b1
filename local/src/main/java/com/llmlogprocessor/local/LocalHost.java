package com.llmlogprocessor.local;

import com.llmlogprocessor.config.Settings;
import com.llmlogprocessor.functions.AppContext;
import com.llmlogprocessor.local.LocalHostOptions.Target;
import com.llmlogprocessor.local.LocalHostOptions.UsageException;
import com.llmlogprocessor.local.emulator.EmulatorException;
import com.llmlogprocessor.local.emulator.Emulators;
import com.llmlogprocessor.local.http.FunctionRouter;
import com.llmlogprocessor.local.http.LocalFunctionServer;
import com.llmlogprocessor.local.replay.ReplayFiles;
import com.llmlogprocessor.local.replay.ReplayStats;
import com.llmlogprocessor.local.replay.Replayer;
import com.llmlogprocessor.store.AzureClients;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The local host behind {@code ./run-local.sh}: starts the emulators, wires the real app to them
 * ({@link LocalApp}), replays the bundled samples and every {@code --replay} input through the
 * real ingest function, finalises what is still pending (a replay is a closed set), then serves
 * every HTTP function of the functions module at {@code http://localhost:PORT/api} until Ctrl-C.
 * {@code --target azure} replays into a deployed app instead. See {@link LocalHostOptions#usage()}.
 */
public final class LocalHost implements AutoCloseable {
    public static final String SAMPLES_RESOURCE = "/samples/eventhub-bodies.jsonl";
    public static final String SAMPLES_PARTITION = "samples";
    private static final int DEFAULT_BLOB_PORT = Emulators.Options.defaultPorts().blobPort();
    private static final int DEFAULT_COSMOS_PORT = Emulators.Options.defaultPorts().cosmosPort();

    /**
     * How to run.
     *
     * @param options          the command line
     * @param emulators        emulators to use instead of starting a set (tests pass the shared ones;
     *                         they are not stopped by {@link #close}); null = start our own
     * @param settingsOverrides settings that win over the emulator defaults (e.g. another database)
     * @param extraFunctionClasses served besides the functions module's classes (tests)
     * @param environment      the process environment (for {@code --target azure})
     * @param out              console
     */
    public record Config(LocalHostOptions options, Supplier<Emulators> emulators, Map<String, String> settingsOverrides,
                         List<Class<?>> extraFunctionClasses, Map<String, String> environment, PrintStream out) {
        public static Config of(LocalHostOptions options) {
            return new Config(options, null, Map.of(), List.of(), System.getenv(), System.out);
        }
    }

    private final Config config;
    private final ReplayStats stats = new ReplayStats();
    private volatile Emulators ownedEmulators;
    private volatile LocalFunctionServer server;
    private FunctionRouter router;

    private LocalHost(Config config) {
        this.config = config;
    }

    public static void main(String[] args) {
        // Always exit explicitly: SDK thread pools would otherwise keep the JVM alive.
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code (blocks while serving). */
    static int run(String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        LocalHostOptions options;
        try {
            options = LocalHostOptions.parse(args);
            if (options.help()) {
                out.print(LocalHostOptions.usage());
                return 0;
            }
            checkReplayPaths(options);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("Run ./run-local.sh --help for the options.");
            return 2;
        }
        LocalHost host = new LocalHost(Config.of(options));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            host.close();
            stopped.countDown();
        }, "local-host-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            host.startAll();
        } catch (RuntimeException e) {
            err.println("error: " + oneLine(e));
            String rest = rest(e);
            if (!rest.isEmpty()) {
                err.println(rest);
            }
            if (!(e instanceof EmulatorException || e instanceof LocalFunctionServer.PortInUseException
                    || e instanceof IllegalArgumentException)) {
                e.printStackTrace(err);
            }
            return 1;
        }
        if (!options.serve()) {
            host.close();
            return 0;
        }
        out.println("Press Ctrl-C to stop.");
        try {
            stopped.await(); // Ctrl-C runs the shutdown hook, which closes everything
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Starts everything {@code config} asks for; returns once the replay is queryable (and the API serves, if asked). */
    public static LocalHost start(Config config) {
        LocalHost host = new LocalHost(config);
        try {
            host.startAll();
            return host;
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    static void checkReplayPaths(LocalHostOptions options) throws UsageException {
        for (Path p : options.replay()) {
            if (!Files.exists(p)) {
                throw new UsageException("--replay " + p + ": no such file or folder");
            }
        }
    }

    private void startAll() {
        LocalHostOptions o = config.options();
        PrintStream out = config.out();
        if (o.serve()) {
            server = LocalFunctionServer.bind(o.port(), out); // a taken port fails before anything slow
        }
        router = FunctionRouter.of(functionClasses(), out);

        AppContext app;
        if (o.target() == Target.AZURE) {
            Path file = o.settingsFile().orElse(repoRoot().resolve("local.settings.json"));
            Settings s = AzureTargetSettings.load(file, config.environment());
            out.println("[azure] replaying into Cosmos DB " + s.cosmosEndpoint() + " (database " + s.cosmosDatabase()
                    + "), archive " + s.archiveBlobEndpoint().orElse("(connection string)")
                    + (Files.isRegularFile(file) ? "; settings from " + file + " and the environment" : "; settings from the environment"));
            app = new AppContext(s, AzureClients.cosmos(s), AzureClients.blob(s), Clock.systemUTC());
            AppContext.install(app);
        } else {
            Emulators emulators = config.emulators() != null ? config.emulators().get() : startEmulators(out);
            out.println("[emulators] Blob (Azurite) at " + emulators.blobEndpoint() + ", Cosmos DB at "
                    + emulators.cosmosEndpoint() + " (in memory; logs in " + emulators.workDir() + ")");
            app = LocalApp.start(emulators, config.settingsOverrides(), Clock.systemUTC());
        }

        Replayer replayer = new Replayer(stats, out);
        List<Replayer.Source> sources = new ArrayList<>();
        if (o.samples()) {
            sources.add(Replayer.classpath(SAMPLES_RESOURCE, SAMPLES_PARTITION));
        }
        for (Path p : o.replay()) {
            ReplayFiles.Found found = ReplayFiles.discover(p);
            found.skipped().forEach(s -> {
                stats.skipped(s);
                out.println("[replay] skipped " + s.path() + ": " + s.reason());
            });
            if (found.files().isEmpty() && found.skipped().isEmpty()) {
                out.println("[replay] " + p + ": no *.json, *.jsonl or *.ndjson files");
            }
            found.files().forEach(f -> sources.add(Replayer.file(f)));
        }
        stats.begin();
        for (Replayer.Source source : sources) {
            out.println("[replay] " + source.name());
            replayer.replay(source);
        }
        if (o.target() == Target.LOCAL) {
            replayer.finaliseAll(app.pipeline(), app.staging());
        } else if (!sources.isEmpty()) {
            out.println("[replay] calls still incomplete are left to the deployed sweeper (after SWEEP_GRACE_MINUTES)");
        }
        replayer.finish();
        out.println(stats.summary());

        if (server != null) {
            server.start(router);
            out.println("Lookup API ready at http://localhost:" + server.port() + "/" + FunctionRouter.ROUTE_PREFIX);
            if (router.routes().isEmpty()) {
                out.println("  (no HTTP functions in the functions module yet)");
            }
            router.routes().forEach(r -> out.println("  " + r.describe() + "  [" + r.functionName() + "]"));
        }
    }

    private List<Class<?>> functionClasses() {
        List<Class<?>> classes = new ArrayList<>(FunctionRouter.functionClasses());
        classes.addAll(config.extraFunctionClasses());
        return classes;
    }

    /** The fixed ports of local.settings.json.example when free; a free port (with a note) for any that is taken. */
    private Emulators startEmulators(PrintStream out) {
        int blob = portIfFree(DEFAULT_BLOB_PORT, "Blob (Azurite)", out);
        int cosmos = portIfFree(DEFAULT_COSMOS_PORT, "Cosmos DB", out);
        out.println("[emulators] starting Azurite and the Cosmos DB server...");
        ownedEmulators = Emulators.start(new Emulators.Options(blob, cosmos, Duration.ofSeconds(90)));
        return ownedEmulators;
    }

    private static int portIfFree(int port, String what, PrintStream out) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            out.println("[emulators] note: port " + port + " is taken (another emulator?); this run's " + what
                    + " emulator uses a free port instead");
            return 0;
        }
    }

    static Path repoRoot() {
        String configured = System.getProperty(Emulators.REPO_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("emulators/package.json"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    public ReplayStats stats() {
        return stats;
    }

    public FunctionRouter router() {
        return router;
    }

    /** The HTTP port, or -1 when not serving. */
    public int port() {
        LocalFunctionServer s = server;
        return s == null ? -1 : s.port();
    }

    @Override
    public synchronized void close() {
        LocalFunctionServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
        Emulators e = ownedEmulators;
        ownedEmulators = null;
        if (e != null) {
            e.close();
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String rest(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? "" : m.substring(nl + 1);
    }
}
