package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.store.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory is complete only if its manifest says COMPLETE: without one, or with one
 * that still says RUNNING, it never passes a gate unless --allow-incomplete says so, and then
 * the verdict says it.
 */
class IncompleteRunGateTest {
    /** A golden case whose results pass their thresholds. */
    private static final Path PASSING = Path.of(System.getProperty("tailgate.test.root", ".."))
            .resolve("harness/src/test/resources/golden/captured-avgt");

    @TempDir
    Path tmp;

    private Path run(String manifest) throws IOException {
        Path dir = tmp.resolve("case");
        Trees.copy(PASSING, dir);
        Path run = dir.resolve("run");
        Files.delete(run.resolve("manifest.json"));
        if (manifest != null) {
            Files.writeString(run.resolve("manifest.json"), manifest);
        }
        return run;
    }

    private static CliRun gate(Path run, String... more) {
        String[] base = {"gate", run.toString(), "--thresholds", run.resolveSibling("thresholds.yaml").toString(),
            "--today", "2026-11-25", "--no-ledger"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void completeManifestPasses() throws IOException {
        CliRun ok = gate(run("{\"status\": \"COMPLETE\"}"));
        assertEquals(ExitCode.OK, ok.code(), ok.toString());
    }

    @Test
    void runDirectoryWithoutManifestNeverPasses() throws IOException {
        Path run = run(null);
        CliRun r = gate(run);
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.err().contains("no manifest.json"), r.toString());
        assertTrue(Files.readString(run.resolve("verdict.json")).contains("\"passed\" : false"));
    }

    @Test
    void allowIncompleteJudgesTheResultsAndSaysSo() throws IOException {
        Path run = run(null);
        CliRun r = gate(run, "--allow-incomplete");
        assertEquals(ExitCode.OK, r.code(), r.toString());
        for (String f : new String[] {"verdict.json", "report.md"}) {
            String text = Files.readString(run.resolve(f));
            assertTrue(text.contains("OVERRIDE --allow-incomplete: run directory has no manifest.json"), f + ": " + text);
        }
    }

    @Test
    void runningManifestIsCalledRunningNotAborted() throws IOException {
        Path run = run("{\"status\": \"RUNNING\"}");
        CliRun g = gate(run);
        assertEquals(ExitCode.BAD_INPUT, g.code(), g.toString());
        assertTrue(g.err().contains("still running or interrupted without a trace: status RUNNING"), g.toString());
        assertFalse(g.err().contains("aborted"), g.toString());

        CliRun c = CliRun.of("compare", run.toString(), run.toString(), "--results", tmp.toString(), "--no-ledger");
        assertEquals(ExitCode.BAD_INPUT, c.code(), c.toString());
        assertTrue(c.err().contains("still running or interrupted without a trace: status RUNNING"), c.toString());
        assertFalse(c.err().contains("ABORTED"), c.toString());
    }
}
