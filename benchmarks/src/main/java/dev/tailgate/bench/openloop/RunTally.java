package dev.tailgate.bench.openloop;

/**
 * Counts of one schedule run. The achieved rate is taken over {@link #elapsedNanos()}: from the
 * schedule start to the later of its nominal end and the last completion, so a generator that
 * finished late cannot claim the nominal rate.
 */
public record RunTally(long scheduled, long sent, long completed, long errors, long startNanos,
                       long nominalEndNanos, long lastCompletionNanos) {

    public long elapsedNanos() {
        return Math.max(nominalEndNanos, lastCompletionNanos) - startNanos;
    }

    public OpenLoopResult judge(OpenLoopConfig config, LatencySnapshot latency, boolean blocking) {
        return judge(config, latency, blocking ? 1 : 0);
    }

    /** As above for a blocking client sending {@code blockingBatch} requests per call (0: not blocking). */
    public OpenLoopResult judge(OpenLoopConfig config, LatencySnapshot latency, int blockingBatch) {
        return OpenLoopResult.judge(config, scheduled, sent, completed, errors, elapsedNanos(), latency, blockingBatch);
    }
}
