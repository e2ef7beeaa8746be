package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options of run checked before anything starts: one line, exit 2, nothing written. */
class RunUsageTest {

    private static void assertUsage(CliRun r, String option) {
        assertEquals(ExitCode.USAGE, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.err().startsWith("error: " + option + " "), r.toString());
    }

    @Test
    void runIdMustBeAPlainName(@TempDir Path dir) throws Exception {
        Path results = Files.createDirectories(dir.resolve("results"));
        for (String id : new String[] {"../escape", dir.resolve("abs").toString(), ".hidden", "a/b", ".."}) {
            // a matching --include would run; one that matches nothing fails fast if the id slips through
            assertUsage(CliRun.of("run", "--results", results.toString(), "--run-id", id,
                    "--include", "NoSuchBenchmarkAnywhere"), "--run-id");
        }
        assertFalse(Files.exists(dir.resolve("escape")));
        assertFalse(Files.exists(dir.resolve("abs")));
        try (var left = Files.list(results)) {
            assertTrue(left.findAny().isEmpty());
        }
        CliRun plain = CliRun.of("run", "--results", results.toString(), "--run-id", "nightly-2026.12_07",
                "--include", "NoSuchBenchmarkAnywhere");
        assertEquals(ExitCode.BAD_INPUT, plain.code(), "a plain id passes the check: " + plain);
    }

    @Test
    void portOutOfRangeIsAUsageError(@TempDir Path results) throws Exception {
        for (String port : new String[] {"70000", "-1"}) {
            assertUsage(CliRun.of("run", "--results", results.toString(), "--port", port, "--include", "TcpPingPong"),
                    "--port");
        }
        try (var left = Files.list(results)) {
            assertTrue(left.findAny().isEmpty());
        }
    }

    @Test
    void sampleNeedsPositiveDurations() {
        assertUsage(CliRun.of("sample", "--target", "redis://127.0.0.1:1", "--duration", "0s"), "--duration");
        assertUsage(CliRun.of("sample", "--target", "redis://127.0.0.1:1", "--duration", "1s", "--interval", "0s"),
                "--interval");
        assertUsage(CliRun.of("sample", "--target", "redis://127.0.0.1:1", "--duration", "1s", "--interval", "PT-1S"),
                "--interval");
    }

    @Test
    void commandsThatNeedAServerSayWhenTargetIsMissing() {
        for (String[] args : new String[][] {{"monitor"}, {"sample", "--duration", "1s"},
                {"dataset", "--symbols", "1", "--events", "1"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(ExitCode.USAGE, r.code(), r.toString());
            assertEquals(1, r.err().strip().lines().count(), r.toString());
            assertTrue(r.err().contains("--target URL"), r.toString());
        }
    }
}
