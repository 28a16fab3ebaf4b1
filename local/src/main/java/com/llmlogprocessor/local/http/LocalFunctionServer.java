package com.llmlogprocessor.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's HTTP server in front of a {@link FunctionRouter}, on 127.0.0.1. Bound by
 * {@link #bind} (so a taken port fails before anything slow starts) and serving only after
 * {@link #start}.
 */
public final class LocalFunctionServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final PrintStream log;
    private volatile FunctionRouter router;

    private LocalFunctionServer(HttpServer server, ExecutorService executor, PrintStream log) {
        this.server = server;
        this.executor = executor;
        this.log = log;
    }

    /** Thrown when the port is taken; the message says how to fix it. */
    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static LocalFunctionServer bind(int port, PrintStream log) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (BindException e) {
            throw new PortInUseException("port " + port + " is already in use (another run-local or Functions host?): "
                    + "stop it, or pick another port with --port N", e);
        } catch (IOException e) {
            throw new PortInUseException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "local-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        LocalFunctionServer s = new LocalFunctionServer(server, executor, log);
        server.createContext("/", s::handle);
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void start(FunctionRouter router) {
        this.router = router;
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        FunctionRouter.Response response;
        try (exchange) {
            try {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    byte[] bytes = in.readAllBytes();
                    body = bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
                }
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
                URI uri = exchange.getRequestURI();
                response = router.handle(exchange.getRequestMethod(), uri, headers, body);
            } catch (RuntimeException e) {
                log.println("[http] " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " failed: " + e);
                response = FunctionRouter.error(500, "internal error: " + e.getClass().getSimpleName());
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().put(k, List.of(v)));
            boolean noBody = response.status() == 204 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length == 0 ? -1 : response.body().length);
            if (!noBody && response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
            log.printf("[http] %s %s -> %d (%d ms)%n", exchange.getRequestMethod(), exchange.getRequestURI(),
                    response.status(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
