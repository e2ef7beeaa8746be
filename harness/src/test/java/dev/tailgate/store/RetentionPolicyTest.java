package dev.tailgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final List<RunDir> RUNS = List.of(run("c", 3), run("a", 1), run("e", 10),
            run("b", 1), run("d", 5));

    @Test
    void keepNewestKeepsTheMostRecentlyStartedAndBreaksTiesById() {
        assertEquals(List.of("c", "d", "e"), ids(new RetentionPolicy.KeepNewest(2).toDelete(RUNS)));
        assertEquals(List.of("a", "c", "d", "e"),
                ids(new RetentionPolicy.KeepNewest(1).toDelete(RUNS)));
        assertEquals(List.of(), ids(new RetentionPolicy.KeepNewest(5).toDelete(RUNS)));
        assertEquals(5, new RetentionPolicy.KeepNewest(0).toDelete(RUNS).size());
    }

    @Test
    void olderThanUsesAStrictCutoff() {
        RetentionPolicy p = new RetentionPolicy.OlderThan(Duration.ofDays(3), NOW);
        assertEquals(List.of("d", "e"), ids(p.toDelete(RUNS)), "exactly 3 days old is kept");
    }

    @Test
    void invalidPoliciesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy.KeepNewest(-1));
        assertThrows(IllegalArgumentException.class,
                () -> new RetentionPolicy.OlderThan(Duration.ZERO, NOW));
    }

    private static RunDir run(String id, int daysAgo) {
        return new RunDir(Path.of("results", id), NOW.minus(Duration.ofDays(daysAgo)),
                RunDir.AgeSource.MANIFEST);
    }

    private static List<String> ids(List<RunDir> runs) {
        return runs.stream().map(RunDir::id).toList();
    }
}
