package com.llmlogprocessor.local;

import com.microsoft.azure.functions.ExecutionContext;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the Functions host hands a function as {@link ExecutionContext}, outside the host: a fresh
 * invocation id and a logger of its own. Records at {@code minLevel} or above are printed (one
 * line each, to {@code console}); every record's parameters are kept so the caller can pick up
 * objects a function attaches to its log records (the ingest function's batch counters).
 */
public final class LocalExecutionContext implements ExecutionContext {
    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();
    private final Logger logger;
    private final List<Object> parameters = new ArrayList<>();

    public LocalExecutionContext(String functionName, PrintStream console, Level minLevel) {
        this.functionName = functionName;
        this.logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getParameters() != null) {
                    synchronized (parameters) {
                        parameters.addAll(List.of(record.getParameters()));
                    }
                }
                if (console != null && record.getLevel().intValue() >= minLevel.intValue()) {
                    console.println("[" + functionName + "] " + record.getLevel() + " " + record.getMessage()
                            + (record.getThrown() == null ? "" : ": " + record.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public Logger getLogger() {
        return logger;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    /** Log-record parameters of the given type, in logging order. */
    public <T> List<T> loggedParameters(Class<T> type) {
        synchronized (parameters) {
            return parameters.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
