package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.store.ResultsFixture;
import dev.tailgate.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prune deletes only run directories. The CLI's clock is pinned to the fixture's "now", so ages
 * are exact whatever day the test runs; runs are still placed days apart from any boundary.
 */
class PruneCommandTest {

    @TempDir
    Path tmp;
    private Path results;
    private Path outsideRun;
    private Map<String, String> protectedBefore;

    @BeforeEach
    void setUp() throws IOException {
        results = tmp.resolve("results");
        ResultsFixture.run(results, "run-1", 20, "complete");
        ResultsFixture.run(results, "run-2", 15, "complete");
        ResultsFixture.bareRun(results, "run-3", 10);
        ResultsFixture.run(results, "run-4", 2, "aborted");
        ResultsFixture.run(results, "run-5", 1, "complete");
        new RunStore(results).promote(results.resolve("run-1").toString(), "stock", false,
                ResultsFixture.NOW);
        Files.writeString(results.resolve("ledger.jsonl"), "{\"seq\":1}\n");
        Files.writeString(results.resolve("README.md"), "# results\n");
        Files.createDirectories(results.resolve("notes"));
        Files.writeString(results.resolve("notes/todo.txt"), "not a run");
        // A link to a run outside results/ is not a run directory of ours.
        outsideRun = ResultsFixture.run(tmp, "elsewhere", 100, "complete");
        Files.createSymbolicLink(results.resolve("linked-run"), outsideRun);
        protectedBefore = protectedFingerprint();
    }

    @Test
    void keepNKeepsTheNewestNAndNothingElseIsTouched() throws IOException {
        CliRun r = prune("prune", "--keep", "2", "--results", results.toString());
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertEquals(List.of("baselines", "ledger.jsonl", "linked-run", "notes", "README.md",
                "run-4", "run-5"), children());
        assertTrue(r.out().contains("deleted " + results.resolve("run-1")), r.toString());
        assertTrue(r.out().contains("deleted " + results.resolve("run-3") + "  (started"),
                r.toString());
        assertTrue(r.out().contains("by directory mtime"), r.toString());
        assertTrue(r.out().contains("deleted 3 of 5 run directories"), r.toString());
        assertEquals(protectedBefore, protectedFingerprint());
    }

    @Test
    void olderThanDeletesOnlyOldRuns() throws IOException {
        CliRun r = prune("prune", "--older-than", "7d", "--results", results.toString());
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertEquals(List.of("baselines", "ledger.jsonl", "linked-run", "notes", "README.md",
                "run-4", "run-5"), children());
        assertEquals(protectedBefore, protectedFingerprint());
    }

    @Test
    void keepZeroStillSparesBaselinesAndTheLedger() throws IOException {
        CliRun r = prune("prune", "--keep", "0", "--results", results.toString());
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertEquals(List.of("baselines", "ledger.jsonl", "linked-run", "notes", "README.md"),
                children());
        assertEquals(protectedBefore, protectedFingerprint());
    }

    @Test
    void dryRunDeletesNothingButSaysWhatItWould() throws IOException {
        Map<String, String> everything = ResultsFixture.fingerprint(results);
        CliRun r = prune("prune", "--keep", "1", "--dry-run", "--results", results.toString());
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertEquals(everything, ResultsFixture.fingerprint(results));
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("would delete ")).count(),
                r.toString());
        assertTrue(r.out().contains("dry run: would delete 4 of 5"), r.toString());
    }

    @Test
    void pruningTheBaselinesDirectoryItselfIsRefused() throws IOException {
        Map<String, String> everything = ResultsFixture.fingerprint(results);
        CliRun r = prune("prune", "--keep", "0", "--results",
                results.resolve("baselines").toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(everything, ResultsFixture.fingerprint(results));
    }

    @Test
    void policyOptionsAreExclusiveAndRequired() throws IOException {
        Map<String, String> everything = ResultsFixture.fingerprint(results);
        String dir = results.toString();
        assertEquals(ExitCode.USAGE, prune("prune", "--keep", "1", "--older-than", "1d",
                "--results", dir).code());
        assertEquals(ExitCode.USAGE, prune("prune", "--results", dir).code());
        assertEquals(ExitCode.USAGE, prune("prune", "--keep", "-1", "--results", dir).code());
        CliRun bad = prune("prune", "--older-than", "7 days", "--results", dir);
        assertEquals(ExitCode.USAGE, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--older-than \"7 days\": expected a duration"), bad.err());
        assertEquals(everything, ResultsFixture.fingerprint(results));
    }

    /** The CLI at the fixture's "now". */
    private static CliRun prune(String... args) {
        return CliRun.at(Clock.fixed(ResultsFixture.NOW, ZoneOffset.UTC), args);
    }

    /** baselines/, the ledger, README, notes/ and the linked run's target, by content. */
    private Map<String, String> protectedFingerprint() throws IOException {
        Map<String, String> all = new java.util.TreeMap<>();
        for (String name : List.of("baselines", "ledger.jsonl", "README.md", "notes")) {
            Path p = results.resolve(name);
            if (Files.isDirectory(p)) {
                ResultsFixture.fingerprint(p).forEach((k, v) -> all.put(name + "/" + k, v));
            } else {
                all.put(name, Files.exists(p) ? Files.readString(p) : "absent");
            }
        }
        ResultsFixture.fingerprint(outsideRun).forEach((k, v) -> all.put("outside/" + k, v));
        all.put("linked-run", Files.isSymbolicLink(results.resolve("linked-run")) ? "link" : "gone");
        return all;
    }

    private List<String> children() throws IOException {
        try (Stream<Path> s = Files.list(results)) {
            return s.map(p -> p.getFileName().toString())
                    .sorted(String.CASE_INSENSITIVE_ORDER).toList();
        }
    }

    @Test
    void emptyResultsDirectoryPrunesNothing() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun r = prune("prune", "--keep", "0", "--results", empty.toString());
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertTrue(r.out().contains("deleted 0 of 0"), r.toString());
        assertFalse(prune("prune", "--keep", "0", "--results",
                tmp.resolve("missing").toString()).code() == ExitCode.OK);
    }
}
