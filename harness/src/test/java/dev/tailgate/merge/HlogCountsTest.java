package dev.tailgate.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.ingest.HlogReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast reader decodes what HdrHistogram's reader decodes (same counts at the same values, same
 * tags and time stamps) for the layouts tailgate's benchmarks write, gives up (empty) on what it
 * does not know, and the merge adds up the same whichever reader read a shard.
 */
class HlogCountsTest {
    private static final long BASE_MILLIS = 1_765_000_000_000L;

    @TempDir
    Path tmp;

    /** Histograms as the benchmarks make them: auto-resizing, 1 ns to 60 s, a coarse one, a lowest of 1000. */
    private static List<Histogram> shapes() {
        return List.of(new Histogram(3), new Histogram(1, 60_000_000_000L, 3), new Histogram(2),
                new Histogram(1000, 3_600_000_000_000L, 3), new Histogram(1, 100_000_000L, 5));
    }

    @Test
    void decodesWhatHdrHistogramDecodesForEveryLayoutOverManySeeds() throws IOException {
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            Histogram shape = shapes().get(seed % shapes().size());
            List<Histogram> written = intervals(shape, rnd, 1 + rnd.nextInt(12));
            Path log = tmp.resolve("log-" + seed + ".hlog");
            write(log, written, seed % 2 == 0);

            Optional<List<HlogCounts.Interval>> fast;
            try (HlogCounts reader = new HlogCounts()) {
                fast = reader.read(log);
            }
            assertTrue(fast.isPresent(), "seed " + seed + ": the fast path must read what HistogramLogWriter writes");
            List<Histogram> expected = HlogReader.intervals(log);
            assertEquals(expected.size(), fast.get().size(), "seed " + seed);
            for (int k = 0; k < expected.size(); k++) {
                Histogram e = expected.get(k);
                HlogCounts.Interval i = fast.get().get(k);
                String where = "seed " + seed + " interval " + k;
                assertEquals(e.getTag(), i.tag(), where);
                assertEquals(e.getStartTimeStamp(), i.startMs(), where);
                assertEquals(e.getEndTimeStamp(), i.endMs(), where);
                assertEquals(recorded(e), recorded(i), where);
            }
        }
    }

    @Test
    void givesUpOnWhatItDoesNotKnowSoTheCallerUsesHdrHistogramsReader() throws IOException {
        Path doubles = tmp.resolve("double.hlog");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(doubles), false, StandardCharsets.UTF_8)) {
            DoubleHistogram d = new DoubleHistogram(3);
            d.recordValue(1.5);
            new HistogramLogWriter(ps).outputIntervalHistogram(d);
        }
        Path odd = tmp.resolve("odd.hlog");
        write(odd, intervals(new Histogram(3), new SplittableRandom(1), 3), true);
        Files.writeString(odd, "#[BaseTime:oops]\n" + Files.readString(odd));
        Path garbage = tmp.resolve("garbage.hlog");
        Files.writeString(garbage, "1.000,1.000,5.000,notbase64!!\n");
        try (HlogCounts reader = new HlogCounts()) {
            assertTrue(reader.read(doubles).isEmpty(), "a DoubleHistogram");
            assertTrue(reader.read(odd).isEmpty(), "a time-base comment spelt otherwise");
            assertTrue(reader.read(garbage).isEmpty(), "a payload that is not base64");
            assertTrue(reader.read(tmp.resolve("missing.hlog")).isEmpty(), "a missing file");
        }
    }

    @Test
    void theMergeAddsUpTheSameWhicheverReaderReadAShardAndAcrossLayouts() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Path> shards = new ArrayList<>();
        List<List<Histogram>> all = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            // shard 2 records with 2 significant digits: its counts add up by value, not by index
            List<Histogram> log = intervals(s == 2 ? new Histogram(2) : new Histogram(3), rnd, 5);
            Path p = tmp.resolve("shard-" + s + ".hlog");
            write(p, log, true);
            if (s == 1) {
                // read by HdrHistogram's reader: a comment the fast reader does not know
                Files.writeString(p, "#[StartTime:unknown]\n" + Files.readString(p));
            }
            shards.add(p);
            all.add(HlogReader.intervals(p));
        }
        long total = all.stream().flatMap(List::stream).mapToLong(Histogram::getTotalCount).sum();
        Path out = tmp.resolve("merged.hlog");
        HlogMerger.merge(shards, out, "test");
        List<Histogram> merged = HlogReader.intervals(out);
        List<Histogram> expected = HlogMerger.add(all);
        assertEquals(expected.size(), merged.size());
        for (int k = 0; k < expected.size(); k++) {
            Histogram e = expected.get(k);
            Histogram m = merged.get(k);
            assertEquals(e.getTag(), m.getTag(), "interval " + k);
            assertEquals(e.getTotalCount(), m.getTotalCount(), "interval " + k);
            assertEquals(e.getStartTimeStamp(), m.getStartTimeStamp(), "interval " + k);
            assertEquals(e.getEndTimeStamp(), m.getEndTimeStamp(), "interval " + k);
            for (double p : new double[] {50, 90, 99, 99.9, 100}) {
                assertEquals(e.getValueAtPercentile(p), m.getValueAtPercentile(p), "interval " + k + " p" + p);
            }
        }
        // nothing lost or counted twice
        assertEquals(total, merged.stream().mapToLong(Histogram::getTotalCount).sum());
    }

    /** A log's intervals: tags cycling over response/service/hiccup and untagged, heavy-tailed values. */
    private static List<Histogram> intervals(Histogram shape, SplittableRandom rnd, int n) {
        String[] tags = {"response", "service", null, "hiccup"};
        List<Histogram> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Histogram h = shape.isAutoResize() ? new Histogram(shape.getNumberOfSignificantValueDigits())
                    : new Histogram(shape.getLowestDiscernibleValue(), shape.getHighestTrackableValue(),
                    shape.getNumberOfSignificantValueDigits());
            int values = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(5_000);
            long cap = shape.isAutoResize() ? Long.MAX_VALUE / 4 : shape.getHighestTrackableValue();
            for (int v = 0; v < values; v++) {
                long x = (long) (20_000 * Math.exp(rnd.nextDouble() * (rnd.nextInt(50) == 0 ? 12 : 2)));
                h.recordValueWithCount(Math.min(cap, x), 1 + rnd.nextInt(3));
            }
            h.setTag(tags[k % tags.length]);
            h.setStartTimeStamp(BASE_MILLIS + k * 1000L + rnd.nextInt(7));
            h.setEndTimeStamp(BASE_MILLIS + (k + 1) * 1000L + rnd.nextInt(7));
            out.add(h);
        }
        return out;
    }

    /** With or without the #[BaseTime: line (without it, the reader infers the base from the start time). */
    private static void write(Path file, List<Histogram> intervals, boolean baseTimeLine) throws IOException {
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputComment("test log");
            w.outputLogFormatVersion();
            w.outputStartTime(BASE_MILLIS);
            w.setBaseTime(BASE_MILLIS);
            if (baseTimeLine) {
                w.outputBaseTime(BASE_MILLIS);
            }
            w.outputLegend();
            for (Histogram h : intervals) {
                w.outputIntervalHistogram(h);
            }
        }
    }

    /** (value, count) of every recorded bucket, by HdrHistogram's iteration. */
    private static List<List<Long>> recorded(Histogram h) {
        List<List<Long>> out = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            out.add(List.of(h.lowestEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo()));
        }
        return out;
    }

    /** The same from the fast reader's indices: each index's value is the lowest of its bucket. */
    private static List<List<Long>> recorded(HlogCounts.Interval i) {
        List<List<Long>> out = new ArrayList<>();
        for (int k = 0; k < i.size(); k++) {
            out.add(List.of(i.layout().valueAt(i.indices()[k]), i.counts()[k]));
        }
        return out;
    }
}
