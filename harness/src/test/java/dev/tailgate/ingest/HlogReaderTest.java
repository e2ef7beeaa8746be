package dev.tailgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.openloop.LatencyRecorders;
import dev.tailgate.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlogReaderTest {
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};

    /** Writes 3 files × 5 intervals of lognormal-ish latencies; returns every value written. */
    static long[] writeLogs(Path dir, long seed, List<Path> files) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Long> all = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            try (HlogOutput out = HlogOutput.create(dir, "Bench-rate=1000", "test")) {
                files.add(out.file());
                for (int i = 0; i < 5; i++) {
                    Histogram interval = LatencyRecorders.newHistogram();
                    Histogram other = LatencyRecorders.newHistogram();
                    for (int n = 0; n < 2_000; n++) {
                        long v = (long) (20_000 * Math.exp(rnd.nextGaussian() * (0.5 + f * 0.3)));
                        interval.recordValue(v);
                        other.recordValue(v / 2 + 1);
                        all.add(v);
                    }
                    interval.setStartTimeStamp(1_000_000L + i * 1000);
                    interval.setEndTimeStamp(1_000_000L + (i + 1) * 1000);
                    other.setStartTimeStamp(interval.getStartTimeStamp());
                    other.setEndTimeStamp(interval.getEndTimeStamp());
                    out.write(HlogOutput.RESPONSE, interval);
                    out.write(HlogOutput.SERVICE, other);
                }
            }
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void mergedPercentilesEqualADirectComputationOverManySeeds(@TempDir Path tmp) throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            Path dir = tmp.resolve("s" + seed);
            List<Path> files = new ArrayList<>();
            long[] values = writeLogs(dir, seed, files);
            Histogram direct = LatencyRecorders.newHistogram();
            for (long v : values) {
                direct.recordValue(v);
            }
            Histogram merged = HlogReader.merge(files, HlogOutput.RESPONSE).orElseThrow();
            assertEquals(values.length, merged.getTotalCount());
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double p : PERCENTILES) {
                // bucket for bucket the same as recording every value into one histogram
                assertEquals(direct.getValueAtPercentile(p), merged.getValueAtPercentile(p), "seed " + seed + " p" + p);
                // and within HdrHistogram's 3-digit precision of the exact order statistic
                // rank ceil(p·n), guarded against 99.9/100·30000 = 29970.000000000004
                int rank = (int) Math.max(1, Math.ceil(p / 100 * sorted.length - 1e-6));
                long exact = sorted[rank - 1];
                assertEquals(exact, merged.getValueAtPercentile(p), exact * 0.002 + 1, "seed " + seed + " p" + p);
            }
            // per file and per tag
            HlogReader.HlogFile first = HlogReader.read(files.get(0));
            assertEquals(10, first.intervals());
            assertEquals(10_000, first.tag(HlogOutput.RESPONSE).orElseThrow().getTotalCount());
            assertEquals(10_000, first.tag(HlogOutput.SERVICE).orElseThrow().getTotalCount());
            assertTrue(first.tag(HlogOutput.SLIP).isEmpty());
        }
    }

    @Test
    void forkFilesAreNumberedAndKept(@TempDir Path tmp) throws Exception {
        List<Path> files = new ArrayList<>();
        writeLogs(tmp, 7, files);
        assertEquals(List.of("Bench-rate=1000-fork1.hlog", "Bench-rate=1000-fork2.hlog", "Bench-rate=1000-fork3.hlog"),
                files.stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void badLogsAreBadInputWithTheFileName(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("missing.hlog");
        BadInputException e = assertThrows(BadInputException.class, () -> HlogReader.read(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
        Path empty = Files.writeString(tmp.resolve("empty.hlog"), "#[StartTime: 1.0 (seconds since epoch)]\n");
        assertTrue(assertThrows(BadInputException.class, () -> HlogReader.read(empty)).getMessage()
                .contains("no interval histograms"));
        Path junk = Files.writeString(tmp.resolve("junk.hlog"), "Tag=response,0.1,1.0,2.0,notbase64!!\n");
        assertTrue(assertThrows(BadInputException.class, () -> HlogReader.read(junk)).getMessage()
                .contains("not a readable HdrHistogram log"));
    }
}
