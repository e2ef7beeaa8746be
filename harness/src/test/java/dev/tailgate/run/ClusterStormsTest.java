package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.cluster.RedirectRecord;
import dev.tailgate.model.BadInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MOVED-storm rule on the forks' redirection records: the threshold, the line, the notes, bad records. */
class ClusterStormsTest {
    private static final String GET = "dev.tailgate.bench.cluster.JedisClusterGetBenchmark.get";

    private static RedirectRecord rec(String arm, int thread, long redirections) {
        return new RedirectRecord(GET, Map.of("valueBytes", "16", "master", "all"), arm, List.of("127.0.0.1:7000"),
                thread, redirections);
    }

    @Test
    void theThresholdItselfIsNotAStormOneMoreIs() {
        assertEquals(Optional.empty(), ClusterStorms.storm(List.of(rec("A", 0, RedirectRecord.STORM_THRESHOLD)),
                "the run", a -> ""));
        Optional<String> storm = ClusterStorms.storm(List.of(rec("A", 0, RedirectRecord.STORM_THRESHOLD + 1)),
                "the run", a -> "");
        assertTrue(storm.isPresent());
        assertTrue(storm.get().startsWith("MOVED storm: " + (RedirectRecord.STORM_THRESHOLD + 1) + " redirections during "
                + "JedisClusterGetBenchmark.get (master=all, valueBytes=16), thread 0 in the run, on cluster 127.0.0.1:7000:"),
                storm.get());
        assertEquals(1, storm.get().lines().count());
    }

    @Test
    void theWorstTrialIsNamedWithItsArmAndTheOthersCounted() {
        String line = ClusterStorms.storm(List.of(rec("A", 0, 50), rec("B", 1, 900), rec("A", 1, 3),
                rec("B", 0, 40)), "alternated fork 2", a -> a.equals("A") ? "baseline" : "candidate").orElseThrow();
        assertTrue(line.startsWith("MOVED storm: 900 redirections during JedisClusterGetBenchmark.get (master=all, "
                + "valueBytes=16), candidate, thread 1 in alternated fork 2"), line);
        assertTrue(line.contains("(and 2 more trials past the limit)"), line);
    }

    @Test
    void redirectionsBelowTheThresholdAreNotedNotFailed(@TempDir Path dir) {
        rec("A", 0, 0).write(dir.resolve(RedirectRecord.DIR));
        rec("A", 1, 1).write(dir.resolve(RedirectRecord.DIR));
        StringWriter err = new StringWriter();
        assertEquals(Optional.empty(), ClusterStorms.check(dir, "the run", a -> "", new PrintWriter(err, true)));
        assertEquals("note: JedisClusterGetBenchmark.get (master=all, valueBytes=16), thread 1 followed 1 cluster "
                + "redirection (MOVED/ASK; a storm is more than " + RedirectRecord.STORM_THRESHOLD + " in one trial)",
                err.toString().strip());
    }

    @Test
    void recordsAreReadFromTheForksDirectoriesAndAStormIsFound(@TempDir Path dir) {
        rec("A", 0, 2).write(dir.resolve("fork1").resolve(RedirectRecord.DIR));
        rec("A", 0, 77).write(dir.resolve("fork2").resolve(RedirectRecord.DIR));
        assertEquals(2, RedirectRecord.readAll(dir).size());
        StringWriter err = new StringWriter();
        String line = ClusterStorms.check(dir, "the run", a -> "", new PrintWriter(err, true)).orElseThrow();
        assertTrue(line.startsWith("MOVED storm: 77 redirections"), line);
        assertEquals("", err.toString(), "a storm is the one line, not notes beside it");
    }

    @Test
    void noRecordsNoStormAndABadRecordIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), ClusterStorms.check(dir.resolve("absent"), "the run", a -> "",
                new PrintWriter(new StringWriter())));
        Path bad = Files.createDirectories(dir.resolve(RedirectRecord.DIR)).resolve("x.json");
        Files.writeString(bad, "{\"benchmark\": ");
        BadInputException e = assertThrows(BadInputException.class, () -> ClusterStorms.check(dir, "the run", a -> "",
                new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().startsWith(bad + ": not a redirection record"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
