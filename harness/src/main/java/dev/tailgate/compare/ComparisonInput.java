package dev.tailgate.compare;

import java.util.Objects;

/** One benchmark (with its params) present in both runs: what the engine compares. */
public record ComparisonInput(String benchmark, Arm baseline, Arm candidate) {
    public ComparisonInput {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
    }
}
