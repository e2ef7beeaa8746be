package dev.tailgate.cli;

import dev.tailgate.redis.TestRedis;
import dev.tailgate.summary.Summaries;
import dev.tailgate.summary.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real history: ten short runs of JedisPingBenchmark against the embedded Redis, the first five
 * with the low-latency profile and the last five with stock, then {@code tailgate history} over
 * them. Ten runs of one 200 ms iteration cannot show whether the profiles differ for PING (both
 * leave a loopback round trip alone), so the test asserts what history must always get right:
 * every run wrote its summary.json, and the profile switch is named between the two runs either
 * side of it. A step, if one is found, must be attributed to the same switch.
 */
class HistoryIT {
    static final int RUNS = 10;

    @BeforeAll
    static void setUp() {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        // the JMH lock guards measurement quality against a concurrent JMH, not correctness
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void namesTheProfileSwitchBetweenTheRunsEitherSide(@TempDir Path results) throws Exception {
        for (int i = 0; i < RUNS; i++) {
            String profile = i < RUNS / 2 ? "low-latency" : "stock";
            CliRun r = CliRun.of("run", "--include", "JedisPingBenchmark", "--profile", profile, "--results",
                    results.toString(), "--run-id", "h-" + i, "--no-pin", "--forks", "1", "--warmup-iterations", "0",
                    "--iterations", "1", "--time", "200ms");
            assertEquals(ExitCode.OK, r.code(), r.toString());
            Summary s = Summaries.load(results.resolve("h-" + i)).summary();
            assertEquals("COMPLETE", s.status());
            assertEquals(profile, s.identity().get("profile"));
            assertEquals(1, s.results().size(), "one result: JedisPing");
            assertTrue(Files.isRegularFile(results.resolve("h-" + i).resolve(Summary.FILE)), "run wrote its summary");
        }
        Path page = results.resolve("history.html");
        CliRun h = CliRun.of("history", "--results", results.toString(), "--benchmark", "JedisPing", "--html",
                page.toString());
        assertTrue(h.code() == ExitCode.OK || h.code() == ExitCode.GATE_FAILED, h.toString());
        assertTrue(h.out().contains("h-4 -> h-5: profile low-latency → stock"), h.out());
        List<String> otherSwitches = h.out().lines().filter(l -> l.matches("  h-\\d -> h-\\d: .*"))
                .filter(l -> !l.startsWith("  h-4 -> h-5:")).toList();
        assertTrue(otherSwitches.isEmpty(), "only the profile changed, and only once: " + otherSwitches);
        h.out().lines().filter(l -> l.startsWith("    first run after: ")).forEach(l ->
                assertTrue(l.startsWith("    first run after: h-5 "), "a step found is at the switch: " + h.out()));
        assertTrue(Files.readString(page).contains("h-5"), "the page shows the runs");
    }
}
