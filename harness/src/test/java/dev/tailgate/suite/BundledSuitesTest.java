package dev.tailgate.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.run.Suite;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bundled suite files resolve to exactly the settings the compiled-in suites had (checked
 * against that switch before it was deleted, pinned here since).
 */
class BundledSuitesTest {
    private static final String CLOSED_LOOP = "dev\\.tailgate\\.bench\\.(net|redis|trading)\\..*";
    private static final String FIXED_RATE = "dev\\.tailgate\\.bench\\.openloop\\..*FixedRateBenchmark.*";
    private static final String FIXED_RATE_MIX = "dev\\.tailgate\\.bench\\.openloop\\.RawRespFixedRateMixBenchmark.*";

    /** The JMH-facing settings of a suite, the part the compiled-in switch defined. */
    record Settings(List<String> includes, List<String> excludes, Map<String, List<String>> params, int forks,
                    int warmups, Duration warmupTime, int iterations, Duration time) {
        static Settings of(Suite s) {
            return new Settings(s.includes(), s.excludes(), s.params(), s.forks(), s.warmupIterations(),
                    s.warmupTime(), s.iterations(), s.iterationTime());
        }
    }

    private static Suite bundled(String name) {
        Suite s = SuiteFiles.load(name, Optional.empty());
        assertEquals(name, s.name());
        assertEquals("bundled:suites/" + name + ".yaml", s.source());
        assertTrue(!SuiteCheck.benchmarks(s).isEmpty());
        return s;
    }

    @Test
    void smoke() {
        assertEquals(new Settings(List.of(CLOSED_LOOP), List.of(),
                Map.of("payloadBytes", List.of("14", "16"), "valueBytes", List.of("16"), "depth", List.of("8"),
                        "trim", List.of("approx"), "mode", List.of("xread"), "source", List.of("quote")),
                1, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(2)), Settings.of(bundled("smoke")));
    }

    @Test
    void nightly() {
        assertEquals(new Settings(List.of(CLOSED_LOOP), List.of(), Map.of(), 5, 2, Duration.ofSeconds(2), 5,
                Duration.ofSeconds(5)), Settings.of(bundled("nightly")));
    }

    @Test
    void tails() {
        assertEquals(new Settings(List.of(FIXED_RATE, FIXED_RATE_MIX), List.of(),
                Map.of("rate", List.of("1000", "10000"), "seconds", List.of("10"), "mix", List.of("GET:10,SET:1"),
                        "keys", List.of("uniform"), "keyspace", List.of("1000"), "values", List.of("64"),
                        "pipeline", List.of("1"), "connections", List.of("1")),
                3, 0, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)), Settings.of(bundled("tails")));
        // the stated time: 4 benchmarks x 2 rates x 3 forks of one 10 s schedule (tails.yaml's comment)
        List<String> benchmarks = SuiteCheck.benchmarks(bundled("tails"));
        assertEquals(4, benchmarks.size(), benchmarks.toString());
        assertTrue(benchmarks.stream().anyMatch(b -> b.endsWith(".RawRespFixedRateMixBenchmark.fixedRate")), benchmarks.toString());
    }

    @Test
    void clusterRunsOnlyTheClusterBenchmarksAtOneValueSpreadOverEveryMaster() {
        assertEquals(new Settings(List.of("dev\\.tailgate\\.bench\\.cluster\\..*"), List.of(),
                Map.of("valueBytes", List.of("16"), "master", List.of("all")),
                1, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(2)), Settings.of(bundled("cluster")));
        assertTrue(SuiteCheck.benchmarks(bundled("cluster")).stream().allMatch(b -> b.startsWith("dev.tailgate.bench.cluster.")));
    }

    @Test
    void defaultThresholdsOfTheClosedLoopSuitesAreTheirThresholdFiles() {
        assertEquals("smoke.yaml", bundled("smoke").thresholdsFile().orElseThrow().getFileName().toString());
        assertEquals("nightly.yaml", bundled("nightly").thresholdsFile().orElseThrow().getFileName().toString());
        assertEquals(Optional.empty(), bundled("tails").thresholds());
    }
}
