package dev.tailgate.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logs' jobs run on two threads in any order, and the merged files are the same bytes. */
class HlogJobsTest {
    private static final int SHARDS = 3;
    private static final int NAMES = 12;

    @TempDir
    Path tmp;

    @Test
    void twoThreadsInAnyOrderWriteWhatOneThreadWritesInOrder() throws Exception {
        List<String> names = shardLogs();
        new HlogJobs(jobs(names, tmp.resolve("one"))).drain();

        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        HlogJobs both = new HlogJobs(jobs(reversed, tmp.resolve("two")));
        FutureTask<Void> other = new FutureTask<>(() -> {
            both.drain();
            return null;
        });
        new Thread(other, "test-hlog-jobs").start();
        both.drain();
        other.get(60, TimeUnit.SECONDS);

        for (String name : names) {
            byte[] expected = Files.readAllBytes(tmp.resolve("one").resolve(name));
            assertTrue(expected.length > 0, name);
            assertArrayEquals(expected, Files.readAllBytes(tmp.resolve("two").resolve(name)), name);
        }
    }

    @Test
    void aFailingJobStopsTheJobsNotYetStarted() throws Exception {
        List<String> names = shardLogs();
        Files.delete(tmp.resolve("shard-2").resolve(names.get(1)));
        HlogJobs jobs = new HlogJobs(jobs(names, tmp.resolve("out")));
        BadInputException e = assertThrows(BadInputException.class, jobs::drain);
        assertTrue(e.getMessage().contains("shard-2"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(Files.exists(tmp.resolve("out").resolve(names.get(0))));
        for (String later : names.subList(2, names.size())) {
            assertFalse(Files.exists(tmp.resolve("out").resolve(later)), later);
        }
        jobs.drain();
        assertFalse(Files.exists(tmp.resolve("out").resolve(names.get(2))), "drain after a failure starts nothing");
    }

    /** Every shard's log of every name, with different (seeded) values per shard and name. */
    private List<String> shardLogs() throws Exception {
        List<String> names = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(17);
        for (int n = 0; n < NAMES; n++) {
            String name = "Bench-key=" + n + "-fork1-hiccup.hlog";
            names.add(name);
            for (int s = 1; s <= SHARDS; s++) {
                List<Histogram> intervals = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    Histogram h = new Histogram(3);
                    for (int v = 0; v < 200; v++) {
                        h.recordValue(1_000 + rnd.nextInt(1 << (10 + n)));
                    }
                    h.setTag(k % 2 == 0 ? "response" : "service");
                    h.setStartTimeStamp(ShardRuns.BASE_MILLIS + k * 1000L + s);
                    h.setEndTimeStamp(ShardRuns.BASE_MILLIS + (k + 1) * 1000L + s);
                    intervals.add(h);
                }
                ShardRuns.writeLog(tmp.resolve("shard-" + s).resolve(name), intervals);
            }
        }
        return names;
    }

    private List<HlogJobs.Job> jobs(List<String> names, Path out) {
        List<HlogJobs.Job> jobs = new ArrayList<>();
        for (String name : names) {
            List<Path> logs = new ArrayList<>();
            for (int s = 1; s <= SHARDS; s++) {
                logs.add(tmp.resolve("shard-" + s).resolve(name));
            }
            jobs.add(new HlogJobs.Job(logs, out.resolve(name), "merge of " + name));
        }
        return jobs;
    }
}
