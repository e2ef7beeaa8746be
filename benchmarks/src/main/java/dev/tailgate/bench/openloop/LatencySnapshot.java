package dev.tailgate.bench.openloop;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One interval (or a whole run) of the three streams, in nanoseconds. The histograms are owned
 * by whoever holds the snapshot; {@link LatencyRecorders#interval} may recycle them.
 */
public record LatencySnapshot(Histogram response, Histogram service, Histogram slip) {

    public LatencySnapshot {
        Objects.requireNonNull(response);
        Objects.requireNonNull(service);
        Objects.requireNonNull(slip);
    }

    public static LatencySnapshot empty() {
        return new LatencySnapshot(LatencyRecorders.newHistogram(), LatencyRecorders.newHistogram(),
                LatencyRecorders.newHistogram());
    }

    /** Adds counts (the only correct way to merge percentiles). */
    public void add(LatencySnapshot other) {
        response.add(other.response);
        service.add(other.service);
        slip.add(other.slip);
    }
}
