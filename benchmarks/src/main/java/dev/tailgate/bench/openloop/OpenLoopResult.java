package dev.tailgate.bench.openloop;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Outcome of one fixed-rate run. {@link #valid()} is false when any {@link Flaw} was found; the
 * {@link #explanation()} says what in one line per flaw, with the numbers.
 *
 * @param requestedRatePerSecond what the schedule asked for
 * @param achievedRatePerSecond  completed requests per second of run time (schedule start to
 *                               the later of its nominal end and the last completion)
 * @param scheduled              requests in the schedule
 * @param sent                   requests actually sent
 * @param completed              replies received (and recorded)
 * @param errors                 failed requests
 * @param latency                response/service/slip histograms of the whole run
 * @param blocking               true for a client that cannot send before the previous reply
 */
public record OpenLoopResult(long requestedRatePerSecond, double achievedRatePerSecond, long scheduled, long sent,
                             long completed, long errors, LatencySnapshot latency, boolean blocking,
                             Set<Flaw> flaws, List<String> explanation) {

    public OpenLoopResult {
        Objects.requireNonNull(latency);
        flaws = flaws.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flaws));
        explanation = List.copyOf(explanation);
    }

    public boolean valid() {
        return flaws.isEmpty();
    }

    /**
     * Pure judgement of a run from its counts and histograms.
     *
     * @param elapsedNanos run time used for the achieved rate
     */
    public static OpenLoopResult judge(OpenLoopConfig config, long scheduled, long sent, long completed, long errors,
                                       long elapsedNanos, LatencySnapshot latency, boolean blocking) {
        return judge(config, scheduled, sent, completed, errors, elapsedNanos, latency, blocking ? 1 : 0);
    }

    /**
     * As above, for a blocking client that sends {@code blockingBatch} requests per call (a
     * pipelined batch, whose service time is the batch's round trip), 0 for a client that does not
     * block: its ceiling is one call per round trip, so the period it is held to is
     * {@code blockingBatch} requests long.
     */
    public static OpenLoopResult judge(OpenLoopConfig config, long scheduled, long sent, long completed, long errors,
                                       long elapsedNanos, LatencySnapshot latency, int blockingBatch) {
        boolean blocking = blockingBatch > 0;
        double achieved = elapsedNanos <= 0 ? 0 : completed * 1e9 / elapsedNanos;
        EnumSet<Flaw> flaws = EnumSet.noneOf(Flaw.class);
        List<String> why = new ArrayList<>();
        long requested = config.ratePerSecond();
        if (completed == 0) {
            flaws.add(Flaw.NO_SAMPLES);
            why.add("no request completed");
        }
        if (achieved < config.minAchievedFraction() * requested) {
            flaws.add(Flaw.BEHIND_SCHEDULE);
            why.add(String.format(java.util.Locale.ROOT, "achieved %.0f req/s of %d requested (%.1f%%, need >= %.0f%%)",
                    achieved, requested, 100 * achieved / requested, 100 * config.minAchievedFraction()));
        }
        long slipP99 = latency.slip().getValueAtPercentile(99.0);
        if (latency.slip().getTotalCount() > 0 && slipP99 > config.maxSlipP99Nanos()) {
            flaws.add(Flaw.SLIP_ABOVE_BOUND);
            why.add(String.format(java.util.Locale.ROOT, "p99 schedule slip %.1f us above bound %.1f us",
                    slipP99 / 1e3, config.maxSlipP99Nanos() / 1e3));
        }
        if (blocking && latency.service().getTotalCount() > 0) {
            long rttP50 = latency.service().getValueAtPercentile(50.0);
            double periodNanos = 1e9 * blockingBatch / requested;
            if (rttP50 > periodNanos) {
                flaws.add(Flaw.BLOCKING_CLIENT_CEILING);
                why.add(blockingBatch == 1 ? String.format(java.util.Locale.ROOT,
                        "blocking client: median round trip %.1f us > period %.1f us, one connection cannot exceed"
                                + " ~%.0f req/s (1/RTT); requested %d", rttP50 / 1e3, periodNanos / 1e3, 1e9 / rttP50,
                        requested)
                        : String.format(java.util.Locale.ROOT, "blocking client: median round trip of a batch of %d"
                                + " %.1f us > batch period %.1f us, one thread cannot exceed ~%.0f req/s (batch/RTT);"
                                + " requested %d", blockingBatch, rttP50 / 1e3, periodNanos / 1e3,
                        1e9 * blockingBatch / rttP50, requested));
            }
        }
        if (errors > 0) {
            flaws.add(Flaw.ERRORS);
            why.add(errors + " request(s) failed");
        }
        return new OpenLoopResult(requested, achieved, scheduled, sent, completed, errors, latency, blocking, flaws, why);
    }
}
