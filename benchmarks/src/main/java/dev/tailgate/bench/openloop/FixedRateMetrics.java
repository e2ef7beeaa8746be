package dev.tailgate.bench.openloop;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary metrics of the fixed-rate benchmarks in JMH's JSON
 * ({@code secondaryMetrics.responseP99Micros.score} ...). {@code @AuxCounters(Type.EVENTS)} makes
 * JMH report each public field as-is (no division by time), which is what a percentile needs;
 * the benchmark method assigns (never adds) them at the end of its single-shot iteration.
 *
 * <p>Caveat that the gate must know (checked with JMH 1.37): EVENTS counters are SUMMED across
 * iterations and across forks, so with more than one fork × measurement iteration the
 * {@code score} of a percentile is a sum, not a percentile (completedRequests sums correctly).
 * The benchmarks default to one measurement iteration of {@code seconds} per fork for this
 * reason. {@code rawData[fork][iteration]} is always the true per-iteration value; the
 * {@code .hlog} files, merged by adding counts, are what decisions use.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class FixedRateMetrics {
    public double responseP50Micros;
    public double responseP90Micros;
    public double responseP99Micros;
    public double responseP999Micros;
    public double responseP9999Micros;
    public double responseMaxMicros;
    public double serviceP50Micros;
    public double serviceP90Micros;
    public double serviceP99Micros;
    public double serviceP999Micros;
    public double serviceP9999Micros;
    public double serviceMaxMicros;
    public double slipP99Micros;
    public double slipMaxMicros;
    public double achievedRatePerSecond;
    public double completedRequests;
    public double errors;
    /** 1 valid, 0 invalid (fell behind, slipped, blocking ceiling, errors). */
    public double valid;
    /** 1 if the sending thread was verified pinned. */
    public double senderPinned;
    public double hiccupP99Micros;
    public double hiccupP999Micros;
    public double hiccupMaxMicros;

    void fill(OpenLoopResult r, Histogram hiccups, boolean pinned) {
        Histogram resp = r.latency().response();
        Histogram svc = r.latency().service();
        responseP50Micros = micros(resp, 50);
        responseP90Micros = micros(resp, 90);
        responseP99Micros = micros(resp, 99);
        responseP999Micros = micros(resp, 99.9);
        responseP9999Micros = micros(resp, 99.99);
        responseMaxMicros = micros(resp, 100);
        serviceP50Micros = micros(svc, 50);
        serviceP90Micros = micros(svc, 90);
        serviceP99Micros = micros(svc, 99);
        serviceP999Micros = micros(svc, 99.9);
        serviceP9999Micros = micros(svc, 99.99);
        serviceMaxMicros = micros(svc, 100);
        slipP99Micros = micros(r.latency().slip(), 99);
        slipMaxMicros = micros(r.latency().slip(), 100);
        achievedRatePerSecond = r.achievedRatePerSecond();
        completedRequests = r.completed();
        errors = r.errors();
        valid = r.valid() ? 1 : 0;
        senderPinned = pinned ? 1 : 0;
        hiccupP99Micros = micros(hiccups, 99);
        hiccupP999Micros = micros(hiccups, 99.9);
        hiccupMaxMicros = micros(hiccups, 100);
    }

    /** NaN for an empty histogram: missing data must not look like 0 µs. */
    static double micros(Histogram h, double percentile) {
        if (h.getTotalCount() == 0) {
            return Double.NaN;
        }
        long v = percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
        return v / 1e3;
    }
}
