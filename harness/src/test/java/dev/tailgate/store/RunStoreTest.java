package dev.tailgate.store;

import static dev.tailgate.store.ResultsFixture.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    @TempDir
    Path tmp;
    private Path results;
    private RunStore store;

    @BeforeEach
    void setUp() throws IOException {
        results = tmp.resolve("results");
        store = new RunStore(results);
        ResultsFixture.run(results, "run-old", 9, "complete");
        ResultsFixture.run(results, "run-new", 1, "complete");
        ResultsFixture.run(results, "run-aborted", 2, "aborted");
        ResultsFixture.bareRun(results, "run-bare", 4);
        Files.createDirectories(results.resolve("notes"));
        Files.writeString(results.resolve("notes/todo.txt"), "not a run");
        Files.writeString(results.resolve("ledger.jsonl"), "");
    }

    @Test
    void listRunsFindsOnlyRunDirectoriesOldestFirstWithTheirAgeSource() throws IOException {
        store.promote(results.resolve("run-new").toString(), "nightly", false, NOW);
        List<RunDir> runs = store.listRuns();
        assertEquals(List.of("run-old", "run-bare", "run-aborted", "run-new"),
                runs.stream().map(RunDir::id).toList());
        assertEquals(RunDir.AgeSource.MTIME, runs.get(1).ageSource());
        assertEquals(NOW.minusSeconds(4 * 86_400L), runs.get(1).startedAt());
        assertEquals(RunDir.AgeSource.MANIFEST, runs.get(0).ageSource());
    }

    @Test
    void resolveAcceptsARunDirectoryABareJmhFileAndABaselineName() throws IOException {
        Path dir = results.resolve("run-new");
        assertEquals(RunRef.Kind.RUN_DIRECTORY, store.resolve(dir.toString()).kind());
        assertEquals(dir.resolve("jmh.json"), store.resolve(dir.toString()).jmhJson());
        assertEquals(Optional.of(dir.resolve("manifest.json")),
                store.resolve(dir.toString()).manifest());

        Path bare = Files.writeString(tmp.resolve("jmh-cli.json"), "[]");
        RunRef file = store.resolve(bare.toString());
        assertEquals(RunRef.Kind.JMH_FILE, file.kind());
        assertEquals(bare, file.jmhJson());
        assertEquals(Optional.empty(), file.manifest());

        store.promote(dir.toString(), "nightly-2026-11-24", false, NOW);
        RunRef baseline = store.resolve("nightly-2026-11-24");
        assertEquals(RunRef.Kind.BASELINE, baseline.kind());
        assertEquals(Optional.of("nightly-2026-11-24"), baseline.baselineName());
        assertEquals(results.resolve("baselines/nightly-2026-11-24/jmh.json"), baseline.jmhJson());
    }

    @Test
    void resolveRejectsUnknownNamesAndNonRunDirectoriesWithOneLine() throws IOException {
        store.promote(results.resolve("run-new").toString(), "stock", false, NOW);
        BadInputException e = assertThrows(BadInputException.class, () -> store.resolve("tuned"));
        assertTrue(e.getMessage().contains("tuned: no such run directory or JMH JSON file"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(known: stock)"), e.getMessage());
        e = assertThrows(BadInputException.class,
                () -> store.resolve(results.resolve("notes").toString()));
        assertTrue(e.getMessage().contains("not a run directory"), e.getMessage());
        assertThrows(BadInputException.class, () -> store.resolve(".."));
    }

    @Test
    void promoteCopiesTheWholeRunAndRecordsItsOrigin() throws IOException {
        Path source = results.resolve("run-old");
        Map<String, String> before = ResultsFixture.fingerprint(source);
        Baseline b = store.promote(source.toString(), "stock", false, NOW);

        assertEquals(before, ResultsFixture.fingerprint(source), "the source is left as it was");
        Path target = results.resolve("baselines/stock");
        Map<String, String> copied = ResultsFixture.fingerprint(target);
        copied.remove("baseline.json");
        assertEquals(before, copied);
        assertEquals(new Baseline("stock", NOW, "run-old", NOW.minusSeconds(9 * 86_400L)), b);
        assertEquals(Optional.of(b), store.baseline("stock"));
        String json = ResultsFixture.read(target.resolve("baseline.json"));
        assertFalse(json.contains(tmp.toString()), "no machine path in a committed file: " + json);
        assertEquals(List.of("stock"), store.baselineNames());
    }

    @Test
    void promoteRefusesAbortedRunsExistingNamesAndBadNames() throws IOException {
        String aborted = results.resolve("run-aborted").toString();
        BadInputException bad = assertThrows(BadInputException.class,
                () -> store.promote(aborted, "x", false, NOW));
        assertTrue(bad.getMessage().contains("\"ABORTED\""), bad.getMessage());
        assertFalse(Files.exists(results.resolve("baselines/x")));

        String good = results.resolve("run-new").toString();
        store.promote(good, "stock", false, NOW);
        UsageException taken = assertThrows(UsageException.class,
                () -> store.promote(results.resolve("run-old").toString(), "stock", false, NOW));
        assertTrue(taken.getMessage().contains("pass --force"), taken.getMessage());
        assertEquals("run-new", store.baseline("stock").orElseThrow().sourceRun());

        for (String name : List.of("", "a/b", "..", ".hidden", "sp ace", "x:y")) {
            assertThrows(UsageException.class, () -> store.promote(good, name, false, NOW), name);
        }
        assertEquals(List.of("stock"), store.baselineNames(), "nothing left behind");
        try (var children = Files.list(results.resolve("baselines"))) {
            assertEquals(1, children.count(), "no staging directories left behind");
        }
    }

    @Test
    void promoteWithForceReplacesTheBaselineWhole() throws IOException {
        store.promote(results.resolve("run-new").toString(), "stock", false, NOW);
        Files.writeString(results.resolve("baselines/stock/extra.txt"), "from the old baseline");
        Instant later = NOW.plusSeconds(60);
        store.promote(results.resolve("run-old").toString(), "stock", true, later);
        assertEquals("run-old", store.baseline("stock").orElseThrow().sourceRun());
        assertFalse(Files.exists(results.resolve("baselines/stock/extra.txt")));
        assertEquals(later, store.baseline("stock").orElseThrow().promotedAt());
        assertThrows(UsageException.class,
                () -> store.promote("stock", "stock", true, NOW), "promoting onto itself");
        assertTrue(Files.isRegularFile(results.resolve("baselines/stock/jmh.json")));
    }

    @Test
    void promoteAcceptsABareJmhFile() throws IOException {
        Path bare = Files.writeString(tmp.resolve("jmh-cli.json"), "[{\"benchmark\":\"x\"}]");
        Baseline b = store.promote(bare.toString(), "from-cli", false, NOW);
        assertEquals("jmh-cli.json", b.sourceRun());
        assertEquals(null, b.takenAt());
        assertEquals("[{\"benchmark\":\"x\"}]",
                ResultsFixture.read(results.resolve("baselines/from-cli/jmh.json")));
    }

    @Test
    void deleteRefusesAnythingButARunDirectoryUnderResults() throws IOException {
        Path elsewhere = ResultsFixture.run(tmp, "outside", 30, "complete");
        RunDir outside = new RunDir(elsewhere, NOW, RunDir.AgeSource.MANIFEST);
        assertThrows(IllegalStateException.class, () -> store.delete(outside));
        assertTrue(Files.exists(elsewhere));
        RunDir notes = new RunDir(results.resolve("notes"), NOW, RunDir.AgeSource.MTIME);
        assertThrows(IllegalStateException.class, () -> store.delete(notes));
        assertTrue(Files.exists(results.resolve("notes/todo.txt")));
    }

    @Test
    void aRunIdIsClaimedOnceAndASecondClaimLeavesTheFirstRunsFilesAlone() throws IOException {
        Path claimed = store.claim("tonight");
        assertEquals(results.resolve("tonight"), claimed);
        Files.writeString(claimed.resolve("manifest.json"), "{\"status\":\"RUNNING\"}");
        // a second run given the same --run-id, which found the name free a moment ago
        BadInputException taken = assertThrows(BadInputException.class, () -> store.claim("tonight"));
        assertEquals("results directory " + claimed + " already exists: choose another --run-id", taken.getMessage());
        assertEquals("{\"status\":\"RUNNING\"}", Files.readString(claimed.resolve("manifest.json")));
        assertThrows(BadInputException.class, () -> store.requireFree("tonight"));
        // a name held by a file or a dangling link is taken as well
        Files.createSymbolicLink(results.resolve("dangling"), tmp.resolve("nowhere"));
        assertThrows(BadInputException.class, () -> store.requireFree("dangling"));
        assertThrows(BadInputException.class, () -> store.claim("dangling"));
        assertThrows(BadInputException.class, () -> store.claim("ledger.jsonl"));
    }

    @Test
    void aClaimCreatesTheResultsDirectoryButNotOverAFile() throws IOException {
        assertEquals(tmp.resolve("fresh/first"), new RunStore(tmp.resolve("fresh")).claim("first"));
        Files.writeString(tmp.resolve("plain"), "a file");
        BadInputException e = assertThrows(BadInputException.class, () -> new RunStore(tmp.resolve("plain")).claim("x"));
        assertEquals("--results " + tmp.resolve("plain") + ": not a directory", e.getMessage());
    }
}
