package dev.tailgate.model;

import java.util.List;
import java.util.Objects;

/** A JMH secondary metric (profiler output, or an extra counter): score and per-fork raw data. */
public record SecondaryMetric(double score, String scoreUnit, List<List<Double>> rawData) {
    public SecondaryMetric {
        Objects.requireNonNull(scoreUnit, "scoreUnit");
        rawData = rawData.stream().map(List::copyOf).toList();
    }
}
