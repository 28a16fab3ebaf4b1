package com.llmlogprocessor.functions;

import com.llmlogprocessor.ingest.BatchResult;
import com.llmlogprocessor.ingest.IngestPipeline;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.time.Instant;

/**
 * Finalises calls that stayed incomplete longer than the grace period ({@code SWEEP_GRACE_MINUTES},
 * default 10) as {@code partial} or {@code no_response}, and joins GatewayLogs halves whose
 * conversation was finished without them. Runs on {@code SWEEP_SCHEDULE} (NCRONTAB, default every
 * two minutes). Idempotent: two instances sweeping at once write the same documents.
 */
public class SweepFunction {
    static final int PAGE = 200;

    @FunctionName("sweep")
    public void run(@TimerTrigger(name = "timer", schedule = "%SWEEP_SCHEDULE%") String timerInfo,
                    ExecutionContext context) {
        AppContext app = AppContext.get();
        BatchResult total = sweep(app.pipeline(), app.clock().instant().minus(app.settings().sweepGrace()));
        context.getLogger().info("sweep: " + total);
    }

    /** Sweeps page by page until a page comes back short (bounded so one run cannot spin). */
    static BatchResult sweep(IngestPipeline pipeline, Instant cutoff) {
        BatchResult total = new BatchResult();
        for (int page = 0; page < 50; page++) {
            BatchResult r = pipeline.finaliseIdle(cutoff, PAGE);
            total.add(r);
            if (r.conversationsWritten() + r.failedConversations() < PAGE) {
                break;
            }
        }
        return total;
    }
}
