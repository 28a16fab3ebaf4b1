package com.llmlogprocessor.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the real local emulators as Node child processes: Azurite (Blob) and
 * {@code emulators/cosmos-server.js} (an in-memory Cosmos DB server with the query-plan shim; see
 * the comment at the top of that file). Installs their npm packages first ({@code npm ci}) when
 * needed, so a fresh clone only needs Java, Maven and Node on the PATH.
 *
 * <p>TLS: the Cosmos server needs a certificate valid for localhost/127.0.0.1; one is generated
 * with the JDK's keytool into {@code target/emulators/} the first time. The Java side does not
 * trust it through a truststore: {@link #start} sets the Cosmos SDK's system property
 * {@value #COSMOS_CERT_VALIDATION_DISABLED}=true instead. The SDK reads it each time a client is
 * built and applies it only to endpoints on localhost/127.0.0.1, so it reaches every Cosmos
 * client in the JVM (including ones built by the app's own composition root during local runs)
 * without replacing the JVM-wide default truststore, which would have to happen before any TLS
 * is initialised and would hide the public CAs. This is for tests and local runs only; nothing in
 * the functions module sets it.
 *
 * <p>Use {@link #shared()} in tests (one set per JVM, stopped by a shutdown hook) or
 * {@link #start(Options)} with fixed ports for {@code run-local}.
 */
public final class Emulators implements AutoCloseable {

    public static final String COSMOS_CERT_VALIDATION_DISABLED =
            "COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED";
    /** The well-known Azurite account and key (public, emulator only). */
    public static final String BLOB_ACCOUNT = "devstoreaccount1";
    public static final String BLOB_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    /** The well-known Cosmos DB emulator key (public); the local server accepts any key. */
    public static final String COSMOS_KEY =
            "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";
    public static final String REPO_ROOT_PROPERTY = "llmlogs.repoRoot";

    private static final String HOST = "127.0.0.1";
    private static final String PFX_PASSPHRASE = "llmlogs-local-only";
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern COSMOS_READY =
            Pattern.compile("cosmos-server listening on https://[^:]+:(\\d+)");

    private static Emulators shared;

    private final Path workDir;
    private final NodeProcess azurite;
    private final NodeProcess cosmos;
    private final int blobPort;
    private final int cosmosPort;

    /** Ports 0 mean "any free port". */
    public record Options(int blobPort, int cosmosPort, Duration startTimeout) {
        public static Options freePorts() {
            return new Options(0, 0, Duration.ofSeconds(60));
        }

        /** The ports {@code local.settings.json.example} and run-local use. */
        public static Options defaultPorts() {
            return new Options(10000, 8081, Duration.ofSeconds(60));
        }
    }

    private Emulators(Path workDir, NodeProcess azurite, int blobPort, NodeProcess cosmos, int cosmosPort) {
        this.workDir = workDir;
        this.azurite = azurite;
        this.blobPort = blobPort;
        this.cosmos = cosmos;
        this.cosmosPort = cosmosPort;
    }

    /** One set of emulators for the whole JVM (tests), stopped when the JVM exits. */
    public static synchronized Emulators shared() {
        if (shared == null) {
            Emulators started = start(Options.freePorts());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "emulators-shutdown"));
            shared = started;
        }
        return shared;
    }

    public static Emulators start(Options options) {
        Path repoRoot = findRepoRoot();
        Path emulatorsDir = repoRoot.resolve("emulators");
        String node = requireTool("node");
        ensureNodeModules(emulatorsDir);

        Path baseDir = repoRoot.resolve("target").resolve("emulators");
        Path workDir;
        try {
            Files.createDirectories(baseDir);
            workDir = Files.createTempDirectory(baseDir, "run-" + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new EmulatorException("Cannot create the emulator work dir under " + baseDir, e);
        }
        Path pfx = ensureCertificate(baseDir);
        System.setProperty(COSMOS_CERT_VALIDATION_DISABLED, "true");

        Path preload = emulatorsDir.resolve("exit-with-parent.js");
        int blobPort = options.blobPort() > 0 ? requireFree(options.blobPort(), "Blob (Azurite)") : freePort();
        if (options.cosmosPort() > 0) {
            requireFree(options.cosmosPort(), "Cosmos DB");
        }
        NodeProcess azurite = NodeProcess.start("Azurite (blob)", List.of(node, "-r", preload.toString(),
                        emulatorsDir.resolve("node_modules/azurite/dist/src/blob/main.js").toString(),
                        "--blobHost", HOST, "--blobPort", String.valueOf(blobPort),
                        "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry"),
                workDir, workDir.resolve("azurite.log"), Map.of());
        NodeProcess cosmos = null;
        try {
            cosmos = NodeProcess.start("cosmos-server", List.of(node, "-r", preload.toString(),
                            emulatorsDir.resolve("cosmos-server.js").toString(),
                            "--host", HOST, "--port", String.valueOf(Math.max(options.cosmosPort(), 0)),
                            "--pfx", pfx.toString()),
                    workDir, workDir.resolve("cosmos-server.log"),
                    Map.of("COSMOS_SERVER_PFX_PASSPHRASE", PFX_PASSPHRASE));
            String ready = cosmos.awaitLogLine(line -> COSMOS_READY.matcher(line).find(), options.startTimeout());
            Matcher m = COSMOS_READY.matcher(ready);
            m.find();
            int cosmosPort = Integer.parseInt(m.group(1));
            cosmos.awaitPort(HOST, cosmosPort, options.startTimeout());
            azurite.awaitPort(HOST, blobPort, options.startTimeout());
            return new Emulators(workDir, azurite, blobPort, cosmos, cosmosPort);
        } catch (RuntimeException e) {
            azurite.close();
            if (cosmos != null) {
                cosmos.close();
            }
            throw e;
        }
    }

    public String blobConnectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + BLOB_ACCOUNT + ";AccountKey=" + BLOB_KEY
                + ";BlobEndpoint=" + blobEndpoint() + ";";
    }

    public String blobEndpoint() {
        return "http://" + HOST + ":" + blobPort + "/" + BLOB_ACCOUNT;
    }

    public int blobPort() {
        return blobPort;
    }

    public String cosmosEndpoint() {
        return "https://" + HOST + ":" + cosmosPort;
    }

    public String cosmosKey() {
        return COSMOS_KEY;
    }

    public int cosmosPort() {
        return cosmosPort;
    }

    /** Holds the emulators' log files ({@code azurite.log}, {@code cosmos-server.log}). */
    public Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        cosmos.close();
        azurite.close();
    }

    // ---------------------------------------------------------------------------------------

    static Path findRepoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve("emulators/package.json"))) {
                throw new EmulatorException("-D" + REPO_ROOT_PROPERTY + "=" + configured
                        + " has no emulators/package.json");
            }
            return root;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("emulators/package.json"))) {
                return dir;
            }
        }
        throw new EmulatorException("Cannot find the repository root (a directory with "
                + "emulators/package.json) above " + start + "; set -D" + REPO_ROOT_PROPERTY + "=PATH");
    }

    private static String requireTool(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new EmulatorException("'" + tool + " --version' failed; the local emulators need "
                        + "Node.js 20+ and npm on the PATH");
            }
            return tool;
        } catch (IOException e) {
            throw new EmulatorException("'" + tool + "' not found on the PATH: the local emulators "
                    + "(Azurite, cosmos-server) need Node.js 20+ and npm installed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted while checking for " + tool, e);
        }
    }

    /**
     * Runs {@code npm ci} when node_modules is missing or older than the lock file. A file lock
     * keeps two JVMs (say run-local and a test run) from installing at the same time.
     */
    static void ensureNodeModules(Path emulatorsDir) {
        if (nodeModulesUpToDate(emulatorsDir)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(emulatorsDir.resolve(".npm-ci.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (nodeModulesUpToDate(emulatorsDir)) {
                return;
            }
            String npm = requireTool("npm");
            Path log = Files.createTempFile("npm-ci-", ".log");
            System.out.println("[emulators] npm ci in " + emulatorsDir + " (first run; log: " + log + ")");
            Process p = new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund")
                    .directory(emulatorsDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(NPM_CI_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new EmulatorException("npm ci timed out after " + NPM_CI_TIMEOUT.toMinutes()
                        + " min in " + emulatorsDir + "; log: " + log);
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new EmulatorException("npm ci failed (exit " + p.exitValue() + ") in " + emulatorsDir
                        + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
            // npm ci leaves node_modules' own mtime alone when it reuses the folder: mark it fresh.
            Files.setLastModifiedTime(emulatorsDir.resolve("node_modules"), FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            throw new EmulatorException("Cannot install the emulator packages in " + emulatorsDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted during npm ci", e);
        }
    }

    private static boolean nodeModulesUpToDate(Path emulatorsDir) {
        Path nodeModules = emulatorsDir.resolve("node_modules");
        Path lock = emulatorsDir.resolve("package-lock.json");
        try {
            return Files.isRegularFile(nodeModules.resolve("azurite/dist/src/blob/main.js"))
                    && Files.isRegularFile(nodeModules.resolve("@vercel/cosmosdb-server/package.json"))
                    && Files.getLastModifiedTime(nodeModules).compareTo(Files.getLastModifiedTime(lock)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A self-signed certificate for localhost and 127.0.0.1, made once with the JDK's keytool. */
    static Path ensureCertificate(Path dir) {
        Path pfx = dir.resolve("cosmos-server.p12");
        if (Files.isRegularFile(pfx)) {
            return pfx;
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        try {
            Path tmp = Files.createTempFile(dir, "cosmos-server-", ".p12");
            Files.delete(tmp); // keytool refuses to write into an existing empty file
            List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair",
                    "-storetype", "PKCS12", "-keystore", tmp.toString(),
                    "-storepass", PFX_PASSPHRASE, "-keypass", PFX_PASSPHRASE,
                    "-alias", "cosmos-server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new EmulatorException("keytool failed to create the emulator certificate: " + output);
            }
            // Atomic, so a concurrent JVM never reads a half-written file.
            Files.move(tmp, pfx, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return pfx;
        } catch (IOException e) {
            throw new EmulatorException("Cannot create the emulator certificate with " + keytool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted while creating the emulator certificate", e);
        }
    }

    /** A fixed port already taken would make the readiness check talk to the wrong process. */
    private static int requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            throw new EmulatorException(what + " emulator port " + HOST + ":" + port
                    + " is already in use (another emulator or run-local still running?)");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }
}
