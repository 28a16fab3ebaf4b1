package com.llmlogprocessor.local.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One emulator child process: output goes to a log file, stdin stays an open pipe (the
 * {@code exit-with-parent.js} preload exits the child when it closes, i.e. when this JVM dies),
 * and {@link #close()} kills the whole process tree by PID.
 */
final class NodeProcess implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final Path log;
    /** Held, never written: closing it (or this JVM dying) tells the child to exit. */
    private final OutputStream stdin;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stdin = process.getOutputStream();
    }

    static NodeProcess start(String name, List<String> command, Path workingDir, Path log,
                             Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("LLMLOGS_EXIT_ON_STDIN_EOF", "1");
        builder.environment().putAll(env);
        try {
            return new NodeProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new EmulatorException("Cannot start " + name + " (" + String.join(" ", command)
                    + "): " + e.getMessage(), e);
        }
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until a line of the log matches, returning it. */
    String awaitLogLine(Predicate<String> matcher, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : readLog()) {
                if (matcher.test(line)) {
                    return line;
                }
            }
            checkAliveAndTime(deadline, timeout, "to print its ready line");
            sleep(100);
        }
    }

    /** Waits until the port accepts TCP connections. */
    void awaitPort(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException notYet) {
                checkAliveAndTime(deadline, timeout, "to accept connections on " + host + ":" + port);
                sleep(100);
            }
        }
    }

    private void checkAliveAndTime(long deadline, Duration timeout, String what) {
        if (!process.isAlive()) {
            throw new EmulatorException(name + " exited with code " + process.exitValue()
                    + " before it was ready. Last lines of " + log + ":\n" + tail(30));
        }
        if (System.nanoTime() > deadline) {
            close();
            throw new EmulatorException("Timed out after " + timeout.toSeconds() + " s waiting for "
                    + name + " " + what + ". Last lines of " + log + ":\n" + tail(30));
        }
    }

    String tail(int lines) {
        List<String> all = readLog();
        return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                .map(l -> "  | " + l).collect(Collectors.joining("\n"));
    }

    private List<String> readLog() {
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the process and its descendants: SIGTERM first, then SIGKILL for whatever is still
     * alive after a few seconds (Azurite may ignore SIGTERM).
     */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACEFUL_STOP.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (Exception stillAlive) {
                handle.destroyForcibly();
            }
        }
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the child is gone
        }
        try {
            process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted while waiting for an emulator", e);
        }
    }
}
