package dev.tailgate.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Units of latency and throughput. Threshold files spell them {@code ns us ms s ops/s ...};
 * JMH spells time per operation {@code us/op}. Conversion goes through the canonical unit of
 * the kind: nanoseconds for time, operations per second for throughput.
 */
public enum MetricUnit {
    NS("ns", Kind.TIME, 1.0),
    US("us", Kind.TIME, 1e3),
    MS("ms", Kind.TIME, 1e6),
    S("s", Kind.TIME, 1e9),
    OPS_PER_S("ops/s", Kind.THROUGHPUT, 1.0),
    OPS_PER_MS("ops/ms", Kind.THROUGHPUT, 1e3),
    OPS_PER_US("ops/us", Kind.THROUGHPUT, 1e6),
    OPS_PER_NS("ops/ns", Kind.THROUGHPUT, 1e9),
    OPS_PER_MIN("ops/min", Kind.THROUGHPUT, 1.0 / 60),
    /** A plain count of events (server-side counters). */
    COUNT("count", Kind.COUNT, 1.0);

    /** Time per operation or operations per time. */
    public enum Kind { TIME, THROUGHPUT, COUNT }

    private final String spelling;
    private final Kind kind;
    private final double toCanonical;

    MetricUnit(String spelling, Kind kind, double toCanonical) {
        this.spelling = spelling;
        this.kind = kind;
        this.toCanonical = toCanonical;
    }

    public String spelling() {
        return spelling;
    }

    public Kind kind() {
        return kind;
    }

    /** Converts {@code value} in this unit to {@code target} (same kind). */
    public double convert(double value, MetricUnit target) {
        if (target.kind != kind) {
            throw new IllegalArgumentException(this + " to " + target);
        }
        return value * toCanonical / target.toCanonical;
    }

    /** Threshold-file spelling ({@code us}, {@code ops/s}); null when unknown. */
    public static MetricUnit fromSpelling(String s) {
        for (MetricUnit u : values()) {
            if (u.spelling.equals(s)) {
                return u;
            }
        }
        return null;
    }

    /** JMH score unit ({@code us/op}, {@code ops/ms}); null when unknown. */
    public static MetricUnit fromJmh(String s) {
        if (s != null && s.endsWith("/op")) {
            MetricUnit u = fromSpelling(s.substring(0, s.length() - 3));
            return u != null && u.kind == Kind.TIME ? u : null;
        }
        MetricUnit u = fromSpelling(s);
        return u != null && u.kind == Kind.THROUGHPUT ? u : null;
    }

    public static String spellings(Kind kind) {
        return Arrays.stream(values()).filter(u -> u.kind == kind)
                .map(MetricUnit::spelling).collect(Collectors.joining("|"));
    }
}
