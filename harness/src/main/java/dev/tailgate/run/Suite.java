package dev.tailgate.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A named benchmark selection with its JMH settings. {@code smoke} must finish within 3 minutes
 * on a 2-core machine (about 12 benchmark/param combinations x (1 s warmup + 3 x 2 s) + JVM
 * starts); {@code nightly} runs every param with several forks, since the fork (JVM launch) is
 * the unit of replication that compare bootstraps over.
 *
 * @param name              suite name
 * @param includes          JMH include regexes (benchmark FQN)
 * @param params            JMH @Param restrictions (name -> values); absent = every value
 * @param forks             JMH forks
 * @param warmupIterations  warmup iterations per fork
 * @param warmupTime        time per warmup iteration
 * @param iterations        measurement iterations per fork
 * @param iterationTime     time per measurement iteration
 */
public record Suite(String name, List<String> includes, Map<String, List<String>> params, int forks,
                    int warmupIterations, Duration warmupTime, int iterations, Duration iterationTime) {

    public Suite {
        includes = List.copyOf(includes);
        params = Map.copyOf(params);
    }

    /** Closed-loop benchmarks: round trips, network floor, trading workloads. */
    static final String CLOSED_LOOP = "dev\\.tailgate\\.bench\\.(net|redis|trading)\\..*";
    /** Open-loop fixed-rate benchmarks: one SingleShot iteration drives a whole schedule. */
    static final String FIXED_RATE = "dev\\.tailgate\\.bench\\.openloop\\..*FixedRateBenchmark.*";

    public static Suite named(String name) {
        return switch (name) {
            // One value per @Param keeps smoke at ~17 benchmark/param pairs, under 3 minutes.
            case "smoke" -> new Suite("smoke", List.of(CLOSED_LOOP),
                    Map.of("payloadBytes", List.of("14", "16"), "valueBytes", List.of("16"), "depth", List.of("8"),
                            "trim", List.of("approx"), "mode", List.of("xread"), "source", List.of("quote")),
                    1, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(2));
            case "nightly" -> new Suite("nightly", List.of(CLOSED_LOOP), Map.of(),
                    5, 2, Duration.ofSeconds(2), 5, Duration.ofSeconds(5));
            // Open-loop tails: each fork is one SingleShot iteration that drives a 10 s schedule,
            // so warmup and iteration settings of the closed-loop suites do not apply.
            case "tails" -> new Suite("tails", List.of(FIXED_RATE),
                    Map.of("rate", List.of("1000", "10000"), "seconds", List.of("10")),
                    3, 0, Duration.ofSeconds(1), 1, Duration.ofSeconds(1));
            default -> throw new dev.tailgate.model.UsageException(
                    "--suite " + name + ": unknown suite, expected smoke|nightly|tails");
        };
    }
}
