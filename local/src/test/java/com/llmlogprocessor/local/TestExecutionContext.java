package com.llmlogprocessor.local;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** An ExecutionContext whose log lines tests can read. */
public final class TestExecutionContext implements ExecutionContext {
    public final List<String> lines = new ArrayList<>();
    private final Logger logger = Logger.getAnonymousLogger();

    public TestExecutionContext() {
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (lines) {
                    lines.add(r.getMessage());
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
        return "test-invocation";
    }

    @Override
    public String getFunctionName() {
        return "test";
    }
}
