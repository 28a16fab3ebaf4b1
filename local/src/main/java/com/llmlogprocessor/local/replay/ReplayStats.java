package com.llmlogprocessor.local.replay;

import com.llmlogprocessor.ingest.BatchResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Counts of a replay: what ingest and finalisation reported, plus files. Counts only, never content. */
public final class ReplayStats {
    private long startNanos = System.nanoTime();
    private final BatchResult totals = new BatchResult();
    private final List<ReplayFiles.Skipped> skipped = new ArrayList<>();
    private int files;
    private int bodiesSent;
    private int finalised;
    private int unfinalisable;
    private long elapsedNanos = -1;

    /** Restarts the clock: the replay starts now (after the emulators came up). */
    public synchronized void begin() {
        startNanos = System.nanoTime();
    }

    synchronized void fileDone() {
        files++;
    }

    synchronized void sent(int bodies) {
        bodiesSent += bodies;
    }

    public synchronized void skipped(ReplayFiles.Skipped s) {
        skipped.add(s);
    }

    synchronized void add(BatchResult r) {
        totals.add(r);
    }

    synchronized void finalised(BatchResult r, int stillPending) {
        totals.add(r);
        finalised += r.conversationsWritten();
        unfinalisable = stillPending;
    }

    synchronized void finish() {
        elapsedNanos = System.nanoTime() - startNanos;
    }

    public synchronized int files() { return files; }
    public synchronized List<ReplayFiles.Skipped> skippedFiles() { return List.copyOf(skipped); }
    public synchronized int bodies() { return bodiesSent; }
    public synchronized int records() { return totals.records(); }
    public synchronized int probes() { return totals.probes(); }
    public synchronized int deadLettered() { return totals.deadLettered(); }
    public synchronized int staged() { return totals.staged(); }
    public synchronized int failedConversations() { return totals.failedConversations(); }
    public synchronized int otherCategoryRecords() { return totals.otherCategoryRecords(); }
    public synchronized int gatewayJoinedLate() { return totals.gatewayJoinedLate(); }
    /** Conversation writes by status (a call finished in a batch and again by a later batch counts twice). */
    public synchronized Map<String, Integer> conversationsByStatus() { return totals.conversationsByStatus(); }
    public synchronized int conversationsWritten() { return totals.conversationsWritten(); }
    /** Written by the closing finalisation (calls still incomplete when the replay ended). */
    public synchronized int finalisedAtEnd() { return finalised; }
    /** Pending calls the closing finalisation could not finish (their reasons are dead-lettered). */
    public synchronized int unfinalisable() { return unfinalisable; }

    public synchronized Duration elapsed() {
        return Duration.ofNanos(elapsedNanos >= 0 ? elapsedNanos : System.nanoTime() - startNanos);
    }

    /** One progress line. */
    public synchronized String progressLine() {
        double s = Math.max(0.001, elapsed().toNanos() / 1e9);
        return String.format("[replay] %,d records (%,.0f/s), %,d bodies, %,d conversations written, %,d dead letters, %.0fs",
                totals.records(), totals.records() / s, bodiesSent, totals.conversationsWritten(),
                totals.deadLettered(), s);
    }

    /** The closing summary, a few lines. */
    public synchronized String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Replay summary: %d file(s)%s, %,d bodies, %,d records in %.1fs%n", files,
                skipped.isEmpty() ? "" : " (" + skipped.size() + " skipped)", bodiesSent, totals.records(),
                elapsed().toMillis() / 1000.0));
        b.append(String.format("  conversations written: %,d %s%s%n", totals.conversationsWritten(),
                totals.conversationsByStatus(),
                finalised > 0 ? String.format(" (%,d finalised at the end of the replay)", finalised) : ""));
        b.append(String.format("  probes: %,d, other-category records: %,d, late caller joins: %,d%n", totals.probes(),
                totals.otherCategoryRecords(), totals.gatewayJoinedLate()));
        b.append(String.format("  dead letters: %,d, staged: %,d, failed conversations: %,d%s", totals.deadLettered(),
                totals.staged(), totals.failedConversations(),
                unfinalisable > 0 ? String.format(", %,d could not be finalised", unfinalisable) : ""));
        for (ReplayFiles.Skipped s : skipped) {
            b.append(String.format("%n  skipped %s: %s", s.path(), s.reason()));
        }
        return b.toString();
    }
}
