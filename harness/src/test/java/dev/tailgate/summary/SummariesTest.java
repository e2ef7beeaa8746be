package dev.tailgate.summary;

import dev.tailgate.ingest.RunLoader;
import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** summary.json derived from JMH's own captured output, and kept in step with its run directory. */
class SummariesTest {
    static final Path CAPTURED = Path.of(System.getProperty("tailgate.test.root", ".."))
            .resolve("harness/src/test/resources/jmh-captured");

    @TempDir
    Path results;

    private Path run(String id, String mode, String status) throws IOException {
        Path dir = Files.createDirectories(results.resolve(id));
        Files.copy(CAPTURED.resolve(mode + ".json"), dir.resolve("jmh.json"));
        manifest(dir, id, status);
        return dir;
    }

    private static void manifest(Path dir, String id, String status) throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\"schema\":1,\"runId\":\"" + id + "\",\"suite\":\"smoke\","
                + "\"status\":\"" + status + "\",\"startedAt\":\"2026-11-25T22:00:00.250Z\","
                + "\"redis\":{\"mode\":\"embedded\",\"version\":\"7.0.15\",\"profile\":\"stock (profiles/stock.conf)\"},"
                + "\"dependencies\":{\"redis.clients:jedis\":\"7.2.0\"},\"jmh\":{\"jmhVersion\":\"1.37\",\"forks\":2}}");
    }

    @Test
    void aSampleModeRunHasEveryPercentileWithTheGatesIntervalAndPerForkValues() throws IOException {
        Summary s = Summaries.derive(run("r1", "sample", "COMPLETE"));
        assertEquals("COMPLETE", s.status());
        assertEquals("2026-11-25T22:00:00.250Z", s.startedAt());
        assertEquals(Map.of("profile", "stock", "redis.version", "7.0.15", "dependency.redis.clients:jedis", "7.2.0"),
                s.identity().entrySet().stream().filter(e -> List.of("profile", "redis.version",
                        "dependency.redis.clients:jedis").contains(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals(2, s.results().size());
        for (Summary.Result r : s.results()) {
            assertEquals("sample", r.mode());
            assertEquals(2, r.forks());
            List<String> names = r.statistics().stream().map(Summary.Stat::statistic).toList();
            // a tail percentile is kept only with enough samples behind it (the captured runs are short)
            assertTrue(names.containsAll(List.of("mean", "p50", "max")), names.toString());
            for (Summary.Stat st : r.statistics()) {
                assertEquals("s", st.unit());
                assertTrue(st.value() > 1e-7 && st.value() < 1, st + ": seconds, not nanoseconds");
                if (!st.statistic().equals("max")) {
                    assertTrue(st.low() != null && st.low() <= st.value(), st.toString());
                    assertTrue(st.high() == null || st.high() >= st.value(), st.toString());
                }
                assertEquals(2, st.perFork().size(), st.toString());
            }
        }
    }

    @Test
    void exportsStatisticsReadBackFromTheWrittenSummaryEqualThoseOfTheJmhJson() throws IOException {
        for (String mode : List.of("sample", "thrpt", "avgt")) {
            Path dir = run("x-" + mode, mode, "COMPLETE");
            List<ResultStats> direct = RunStats.of(RunLoader.load(RunLoader.locate(dir)));
            // through the file, as export reads it: every value must survive the JSON round trip exactly
            Summaries.write(dir, Summaries.derive(dir));
            List<ResultStats> viaFile = RunStats.of(Summaries.load(dir).summary());
            assertEquals(direct, viaFile, mode);
        }
    }

    @Test
    void throughputAndAverageTimeCarryTheirMeanInterval() throws IOException {
        Summary.Stat thrpt = Summaries.derive(run("t", "thrpt", "COMPLETE")).results().get(0).statistics().get(0);
        assertEquals("throughput", thrpt.statistic());
        assertEquals("ops/s", thrpt.unit());
        assertTrue(thrpt.low() < thrpt.value() && thrpt.value() < thrpt.high(), thrpt.toString());
        Summary.Stat avgt = Summaries.derive(run("a", "avgt", "COMPLETE")).results().get(0).statistics().get(0);
        assertEquals("mean", avgt.statistic());
        assertEquals("s", avgt.unit());
        assertEquals(2, avgt.perFork().size());
    }

    @Test
    void anOlderRunIsSummarisedOnFirstReadAndTheSummaryIsThenTrusted() throws IOException {
        Path dir = run("old", "sample", "COMPLETE");
        Summaries.Loaded first = Summaries.load(dir);
        Path file = dir.resolve(Summary.FILE);
        assertTrue(Files.isRegularFile(file));
        FileTime written = Files.getLastModifiedTime(file);
        Summaries.Loaded second = Summaries.load(dir);
        assertEquals(first.hash(), second.hash());
        assertEquals(written, Files.getLastModifiedTime(file), "a fresh summary is not written again");
    }

    @Test
    void aCorruptOrStaleSummaryIsDerivedAgain() throws IOException {
        Path dir = run("r", "sample", "COMPLETE");
        String hash = Summaries.load(dir).hash();
        Files.writeString(dir.resolve(Summary.FILE), "{\"schema\":1,\"runId\":");
        assertEquals(hash, Summaries.load(dir).hash(), "re-derived to the same bytes");
        manifest(dir, "r", "ABORTED");
        Summaries.Loaded stale = Summaries.load(dir);
        assertNotEquals(hash, stale.hash());
        assertEquals("ABORTED", stale.summary().status(), "the manifest changed after the summary");
    }

    @Test
    void aDirectoryWithoutAManifestIsSummarisedInMemoryOnly() throws IOException {
        Path dir = Files.createDirectories(results.resolve("bare"));
        Files.copy(CAPTURED.resolve("sample.json"), dir.resolve("jmh.json"));
        FileTime age = Files.getLastModifiedTime(dir);
        Summaries.Loaded s = Summaries.load(dir);
        assertEquals("NO_MANIFEST", s.summary().status());
        assertEquals(2, s.summary().results().size());
        assertTrue(!Files.exists(dir.resolve(Summary.FILE)), "prune ages such a directory by its modification time");
        assertEquals(age, Files.getLastModifiedTime(dir));
    }

    @Test
    void anAbortedRunWithoutResultsIsSummarisedEmptyAndACompleteOneIsBadInput() throws IOException {
        Path aborted = Files.createDirectories(results.resolve("aborted"));
        manifest(aborted, "aborted", "ABORTED");
        Summary s = Summaries.derive(aborted);
        assertEquals("ABORTED", s.status());
        assertTrue(s.results().isEmpty());
        assertNull(s.injection());
        Path complete = Files.createDirectories(results.resolve("complete"));
        manifest(complete, "complete", "COMPLETE");
        BadInputException e = assertThrows(BadInputException.class, () -> Summaries.derive(complete));
        assertTrue(e.getMessage().contains("no jmh.json"), e.getMessage());
    }
}
