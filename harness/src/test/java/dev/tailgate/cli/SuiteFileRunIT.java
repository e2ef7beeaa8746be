package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.run.Suite;
import dev.tailgate.store.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite files drive real runs: real JMH (in-process, one fork per trial, one short iteration)
 * against the embedded redis-server the product starts. The manifest must hold the settings the
 * suite file gave, and record which file it was.
 */
class SuiteFileRunIT {
    private static final Path ROOT = Path.of(System.getProperty("tailgate.test.root", ".."));

    @BeforeAll
    static void setUp() {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        // the JMH lock guards measurement quality against a concurrent JMH on the host, not correctness
        System.setProperty("jmh.ignoreLock", "true");
    }

    private static Manifest onlyRun(Path results) throws Exception {
        Path runDir;
        try (Stream<Path> s = Files.list(results)) {
            runDir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Manifest m = JsonFiles.json().readValue(runDir.resolve("manifest.json").toFile(), Manifest.class);
        assertEquals(Manifest.Status.COMPLETE, m.status());
        return m;
    }

    /**
     * The bundled smoke file gives a run the params and forks the compiled-in smoke suite gave,
     * and --gate alone gates it against the suite's own threshold file.
     */
    @Test
    void theBundledSmokeFileGivesTheCompiledInSettings(@TempDir Path results) throws Exception {
        CliRun r = CliRun.of("run", "--suite", "smoke", "--results", results.toString(), "--include", "TcpPingPong",
                "--warmup-iterations", "0", "--iterations", "1", "--time", "200ms", "--gate");
        // one 200 ms iteration may or may not meet smoke's limits on a loaded machine: pass or fail, never bad input
        assertTrue(r.code() == 0 || r.code() == 1, r.toString());
        Manifest m = onlyRun(results);
        JsonNode verdict = JsonFiles.json().readTree(results.resolve(m.runId()).resolve("verdict.json").toFile());
        assertEquals("[\"defaults.yaml\",\"smoke.yaml\"]", verdict.get("thresholds").toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("gate: ") && l.endsWith("thresholds/smoke.yaml")), r.out());
        assertEquals("smoke", m.suite());
        assertEquals(new Manifest.JmhSettings(List.of("dev.tailgate.bench.net.TcpPingPongBenchmark.roundTrip"),
                Map.of("payloadBytes", List.of("14", "16"), "valueBytes", List.of("16"), "depth", List.of("8"),
                        "trim", List.of("approx"), "mode", List.of("xread"), "source", List.of("quote")),
                1, 0, "PT1S", 1, "PT0.2S", m.jmh().jvmArgsAppend(), m.jmh().jmhVersion()), m.jmh());
        Manifest.SuiteFile f = m.suiteFile().orElseThrow();
        assertEquals("bundled:suites/smoke.yaml", f.source());
        assertEquals(Suite.sha256(Files.readAllBytes(ROOT.resolve("suites/smoke.yaml"))), f.sha256());
        JsonNode jmh = JsonFiles.json().readTree(results.resolve(m.runId()).resolve("jmh.json").toFile());
        assertEquals(2, jmh.size(), "one result per payloadBytes value of the suite");
    }

    /** A user's own suite, found by name in --suites-dir, runs with exactly its own settings. */
    @Test
    void aCustomSuiteFileRunsWithItsOwnSettings(@TempDir Path dir) throws Exception {
        Path suites = Files.createDirectories(dir.resolve("suites"));
        // the suite of SuitesCommandTest, with one short measurement and no warmup
        Files.writeString(suites.resolve("feed.yaml"), SuitesCommandTest.FEED
                .replace("warmup: {iterations: 1, time: 1s}", "warmup: {iterations: 0, time: 1s}")
                .replace("measurement: {iterations: 3, time: 2s}", "measurement: {iterations: 1, time: 200ms}"));
        Path results = dir.resolve("results");
        CliRun r = CliRun.of("run", "--suite", "feed", "--suites-dir", suites.toString(), "--results", results.toString());
        assertEquals(0, r.code(), r.toString());
        Manifest m = onlyRun(results);
        assertEquals("feed", m.suite());
        assertEquals(Map.of("ratePerSecond", List.of("5000", "50000"), "mode", List.of("xread")), m.jmh().params());
        assertEquals(List.of(1, 0, 1), List.of(m.jmh().forks(), m.jmh().warmupIterations(), m.jmh().iterations()));
        assertEquals(List.of("PT1S", "PT0.2S"), List.of(m.jmh().warmupTime(), m.jmh().iterationTime()));
        assertEquals(Optional.of(suites.resolve("feed.yaml").toString()), m.suiteFile().map(Manifest.SuiteFile::source));
        JsonNode jmh = JsonFiles.json().readTree(results.resolve(m.runId()).resolve("jmh.json").toFile());
        assertEquals(2, jmh.size(), "one result per rate");
    }
}
