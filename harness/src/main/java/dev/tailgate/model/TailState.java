package dev.tailgate.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The tail sampler's state file ({@code tail-state.json}), rewritten atomically after every
 * interval, for {@code tailgate gate} to judge with the same threshold files as a run.
 *
 * <p>Format {@value #FORMAT}. All latencies are nanoseconds. A percentile is {@code null} when
 * its histogram is empty: missing data, which a gate must treat as ERROR, never as 0. A summary
 * with {@code valid == false} (generator behind schedule, slip above bound, errors, no samples;
 * reasons in {@code flaws}) may only be ERROR or INCONCLUSIVE, never PASS.
 *
 * @param format         always {@value #FORMAT}
 * @param target         redis://host:port/db, never a password
 * @param ratePerSecond  requested fixed rate
 * @param intervalMillis length of one interval (one .hlog interval, one printed line)
 * @param windowMillis   length of the rolling window summarised in {@code window}
 * @param updated        when this file was written
 * @param complete       true once the sampler stopped (duration over, SIGINT/SIGTERM) and flushed
 * @param hlog           interval log with every interval, relative to this file's directory
 * @param senderPinning  what happened to the sender's pinning ("pinned to CPU 1", "pinning FAILED ...",
 *                       "not pinned (disabled)"), checked against the thread's real affinity
 * @param window         the last {@code windowMillis} (fewer intervals at the start)
 * @param total          everything since the sampler started
 * @param masters        a Redis Cluster's cluster-wide state: every master whose intervals were added into
 *                       this one, with its own state file; empty (and not written) for one server. A gate
 *                       of this state reads each of them, so a master whose data is missing cannot pass
 */
public record TailState(String format, String target, long ratePerSecond, long intervalMillis, long windowMillis,
                        Instant updated, boolean complete, String hlog, String senderPinning, Summary window,
                        Summary total, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Master> masters) {
    public static final String FORMAT = "tailgate-tail-state/1";

    public TailState {
        Objects.requireNonNull(format);
        Objects.requireNonNull(target);
        Objects.requireNonNull(window);
        Objects.requireNonNull(total);
        masters = masters == null ? List.of() : List.copyOf(masters);
    }

    /**
     * One master of a cluster-wide state.
     *
     * @param node  {@code host:port}, as CLUSTER NODES names it and as its printed lines start
     * @param state its own tail-state.json, relative to the cluster's state file's directory
     */
    public record Master(String node, String state) {
        public Master {
            Objects.requireNonNull(node);
            Objects.requireNonNull(state);
        }
    }

    /**
     * @param start                 first interval's start
     * @param end                   last interval's end
     * @param intervals             intervals merged (by adding counts)
     * @param count                 completed requests (latency samples)
     * @param errors                failed requests, including those due while disconnected
     * @param achievedRatePerSecond count / (end - start)
     * @param responseNanos         completion − intended start (coordinated-omission free)
     * @param serviceNanos          completion − actual send
     * @param slipP99Nanos          p99 of actual send − intended start, null if none
     * @param slipMaxNanos          max slip, null if none
     * @param valid                 no flaw found
     * @param flaws                 one line per reason the summary is invalid
     */
    public record Summary(Instant start, Instant end, int intervals, long count, long errors,
                          double achievedRatePerSecond, Percentiles responseNanos, Percentiles serviceNanos,
                          Long slipP99Nanos, Long slipMaxNanos, boolean valid, List<String> flaws) {
        public Summary {
            Objects.requireNonNull(responseNanos);
            Objects.requireNonNull(serviceNanos);
            flaws = List.copyOf(flaws);
        }
    }

    /** Percentiles in nanoseconds; every field null when there were no samples. */
    public record Percentiles(Long p50, Long p90, Long p99, Long p999, Long p9999, Long max) {
        public static final Percentiles NONE = new Percentiles(null, null, null, null, null, null);
    }
}
