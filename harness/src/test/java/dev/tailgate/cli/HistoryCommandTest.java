package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.history.GeneratedRuns;
import dev.tailgate.history.GeneratedRuns.Night;
import dev.tailgate.store.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tailgate history} over generated nightly run directories with known steps. */
class HistoryCommandTest {
    static final int NIGHTS = 30;
    static final int STEP_AT = 15;

    @TempDir
    Path results;

    private void nights(IntFunction<Night> night) throws IOException {
        for (int i = 0; i < NIGHTS; i++) {
            GeneratedRuns.write(results, night.apply(i), 4, 7);
        }
    }

    private CliRun history(String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "history";
        args[1] = "--results";
        args[2] = results.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return CliRun.of(args);
    }

    @Test
    void aProfileSwitchThatCostsLatencyIsARegressionNamedByItsCause() throws IOException {
        nights(i -> i < STEP_AT ? Night.ordinary(i) : Night.ordinary(i).with("stock", 1.4));
        CliRun r = history();
        assertEquals(ExitCode.GATE_FAILED, r.code(), r.toString());
        assertTrue(r.out().contains("profile low-latency → stock"), r.out());
        assertTrue(r.out().contains("first run after: night-0015"), r.out());
        assertTrue(r.out().contains("last before: night-0014"), r.out());
        assertTrue(r.out().contains("REGRESSION"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  step \\+4\\d\\.\\d% \\[\\+\\d+\\.\\d%, \\+\\d+\\.\\d%\\] REGRESSION.*")),
                r.out());
        assertTrue(r.out().contains("history: REGRESSION, the newest run sits after a regression"), r.out());
    }

    @Test
    void anImprovementPasses() throws IOException {
        nights(i -> i < STEP_AT ? Night.ordinary(i) : Night.ordinary(i).with("low-latency", 0.7));
        CliRun r = history("--statistic", "p50,p99");
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertTrue(r.out().contains("IMPROVEMENT"), r.out());
        assertTrue(r.out().contains("changed: nothing tailgate records"), r.out());
        assertFalse(r.out().contains(" p90 ("), "--statistic keeps p50 and p99 only:\n" + r.out());
    }

    @Test
    void aStepSmallerThanTheMarginIsAShiftNotARegression() throws IOException {
        // +3% on p50, whose noise is 1%: a real step, below compare's 5% margin
        nights(i -> i < STEP_AT ? Night.ordinary(i) : Night.ordinary(i).with("low-latency", 1.03));
        CliRun r = history("--statistic", "p50");
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertTrue(r.out().contains("SHIFT"), r.out());
        assertFalse(r.out().contains("REGRESSION"), r.out());
    }

    @Test
    void abortedAndInjectedRunsAreShownAndLeftOutOfDetection() throws IOException {
        // the last six nights are twice as slow, but injected: were they points, they would be a regression
        nights(i -> i == 10 ? Night.ordinary(i).with("low-latency", 3.0).with("ABORTED", null)
                : i >= NIGHTS - 6 ? Night.ordinary(i).with("low-latency", 2.0).with("COMPLETE", "spin")
                : Night.ordinary(i));
        CliRun r = history();
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertTrue(r.out().contains("  night-0010 (aborted)"), r.out());
        assertTrue(r.out().contains("  night-0029 (injected: spin)"), r.out());
        assertTrue(r.out().contains("\n24 series without a change point"), r.out());
    }

    @Test
    void theIndexFollowsTheRunDirectories() throws IOException {
        nights(Night::ordinary);
        CliRun first = history("--statistic", "p50");
        assertEquals(ExitCode.OK, first.code(), first.toString());
        assertTrue(first.out().contains("30 runs (re)indexed, 0 removed"), first.out());
        CliRun again = history("--statistic", "p50");
        assertFalse(again.out().contains("index:"), "nothing changed, nothing reindexed:\n" + again.out());
        Trees.delete(results.resolve("night-0003"));
        GeneratedRuns.write(results, Night.ordinary(7).with("stock", 1.0), 4, 8);
        CliRun changed = history("--statistic", "p50");
        assertTrue(changed.out().contains("1 runs (re)indexed, 1 removed, 29 in all"), changed.out());
        Files.writeString(results.resolve(".history/index.db"), "not a database");
        CliRun corrupt = history("--statistic", "p50");
        assertEquals(ExitCode.OK, corrupt.code(), corrupt.toString());
        assertTrue(corrupt.out().contains("29 runs (re)indexed"), "an unreadable index is rebuilt:\n" + corrupt.out());
        assertTrue(history("--rebuild", "--statistic", "p50").out().contains("29 runs (re)indexed"));
    }

    @Test
    void aSummaryThatChangedUnderTheIndexIsReadAgain() throws IOException {
        nights(Night::ordinary);
        assertEquals(ExitCode.OK, history().code());
        // the same files, rewritten as a regression: same names, new hashes
        for (int i = STEP_AT; i < NIGHTS; i++) {
            GeneratedRuns.write(results, Night.ordinary(i).with("stock", 1.5), 4, 7);
        }
        CliRun r = history();
        assertEquals(ExitCode.GATE_FAILED, r.code(), r.toString());
        assertTrue(r.out().contains("15 runs (re)indexed"), r.out());
    }

    @Test
    void badInputIsOneLineAndNeverPasses() throws IOException {
        nights(Night::ordinary);
        CliRun missing = CliRun.of("history", "--results", results.resolve("nope").toString());
        assertEquals(ExitCode.BAD_INPUT, missing.code(), missing.toString());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertEquals(ExitCode.USAGE, history("--statistic", "p42").code());
        assertEquals(ExitCode.USAGE, history("--benchmark", "(").code());
        assertEquals(ExitCode.USAGE, history("--target", "cloud").code());
        CliRun none = history("--benchmark", "NoSuchBenchmark");
        assertEquals(ExitCode.BAD_INPUT, none.code(), none.toString());
        assertTrue(none.err().startsWith("error: ") && none.err().contains("--benchmark NoSuchBenchmark"), none.err());
        CliRun noRun = history("--profile", "stock");
        assertEquals(ExitCode.BAD_INPUT, noRun.code(), noRun.toString());
        CliRun baseline = history("--baseline", "nightly");
        assertEquals(ExitCode.BAD_INPUT, baseline.code(), baseline.toString());
        assertTrue(baseline.err().contains("--baseline nightly: no such baseline"), baseline.err());
    }

    @Test
    void aCorruptSummaryOfARunThatCannotBeSummarisedAgainIsBadInput() throws IOException {
        nights(Night::ordinary);
        // generated runs have no jmh.json: a broken summary cannot be derived again
        Files.writeString(results.resolve("night-0004/summary.json"), "{\"schema\":1,\"runId\":");
        CliRun r = history();
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("night-0004/summary.json: unreadable") && r.err().contains("no jmh.json"), r.err());
    }

    @Test
    void writesThePage() throws IOException {
        nights(i -> i < STEP_AT ? Night.ordinary(i) : Night.ordinary(i).with("stock", 1.4));
        Path page = results.resolve("history.html");
        CliRun r = history("--statistic", "p99", "--html", page.toString());
        assertEquals(ExitCode.GATE_FAILED, r.code(), r.toString());
        String html = Files.readString(page);
        assertTrue(html.contains("href=\"night-0015/\""), "links are relative to the page");
        assertTrue(html.contains("profile low-latency → stock"));
    }
}
