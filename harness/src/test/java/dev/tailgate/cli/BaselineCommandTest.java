package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.store.ResultsFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineCommandTest {

    @TempDir
    Path tmp;
    private Path results;
    private String dir;

    @BeforeEach
    void setUp() throws IOException {
        results = tmp.resolve("results");
        dir = results.toString();
        ResultsFixture.run(results, "run-a", 3, "complete");
        ResultsFixture.run(results, "run-b", 1, "complete");
        ResultsFixture.run(results, "run-x", 1, "aborted");
    }

    @Test
    void promoteThenListShowsTheBaselineAndItsSource() {
        CliRun p = CliRun.of("baseline", "promote", results.resolve("run-a").toString(),
                "--name", "stock-7.0", "--results", dir);
        assertEquals(ExitCode.OK, p.code(), p.toString());
        assertTrue(p.out().startsWith("promoted "), p.out());
        assertTrue(Files.isDirectory(results.resolve("run-a")), "promote copies, never moves");

        CliRun l = CliRun.of("baseline", "list", "--results", dir);
        assertEquals(ExitCode.OK, l.code(), l.toString());
        assertEquals(2, l.out().lines().count(), l.toString());
        assertTrue(l.out().lines().skip(1).findFirst().orElseThrow().matches(
                "stock-7\\.0 +\\S+Z +2026-11-22T12:00:00Z +run-a"), l.out());
    }

    @Test
    void promotingABaselineNameCopiesThatBaseline() {
        assertEquals(ExitCode.OK, CliRun.of("baseline", "promote", results.resolve("run-a")
                .toString(), "--name", "stock", "--results", dir).code());
        CliRun r = CliRun.of("baseline", "promote", "stock", "--name", "stock-copy",
                "--results", dir);
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertTrue(Files.isRegularFile(results.resolve("baselines/stock-copy/jmh.json")));
    }

    @Test
    void refusalsUseTheRightExitCodes() {
        String runA = results.resolve("run-a").toString();
        assertEquals(ExitCode.OK, CliRun.of("baseline", "promote", runA, "--name", "stock",
                "--results", dir).code());

        CliRun exists = CliRun.of("baseline", "promote", results.resolve("run-b").toString(),
                "--name", "stock", "--results", dir);
        assertEquals(ExitCode.USAGE, exists.code(), exists.toString());
        assertTrue(exists.err().contains("--force"), exists.err());

        CliRun forced = CliRun.of("baseline", "promote", results.resolve("run-b").toString(),
                "--name", "stock", "--force", "--results", dir);
        assertEquals(ExitCode.OK, forced.code(), forced.toString());

        CliRun aborted = CliRun.of("baseline", "promote", results.resolve("run-x").toString(),
                "--name", "x", "--results", dir);
        assertEquals(ExitCode.BAD_INPUT, aborted.code(), aborted.toString());
        assertEquals(1, aborted.err().lines().count(), aborted.err());

        CliRun missing = CliRun.of("baseline", "promote", "no-such-run", "--name", "y",
                "--results", dir);
        assertEquals(ExitCode.BAD_INPUT, missing.code(), missing.toString());
        assertTrue(missing.err().contains("(known: stock)"), missing.err());

        CliRun badName = CliRun.of("baseline", "promote", runA, "--name", "a/b", "--results", dir);
        assertEquals(ExitCode.USAGE, badName.code(), badName.toString());
        assertFalse(Files.exists(results.resolve("baselines/x")));
        assertFalse(Files.exists(results.resolve("baselines/y")));
    }

    @Test
    void listWithoutBaselinesSaysSo() {
        CliRun l = CliRun.of("baseline", "list", "--results", dir);
        assertEquals(ExitCode.OK, l.code(), l.toString());
        assertTrue(l.out().startsWith("no baselines in "), l.out());
    }
}
