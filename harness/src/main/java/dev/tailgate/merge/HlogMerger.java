package dev.tailgate.merge;

import dev.tailgate.ingest.HlogReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Adds up the shards' HdrHistogram interval logs of one benchmark and fork: interval k of tag t
 * in the merged log is interval k of tag t of every shard's log, counts added (exact: every
 * bucket's count is the sum of the shards'; by bucket index when the logs share a bucket layout,
 * else by value into an auto-resizing histogram, as HdrHistogram's {@code add}). The shards ran at the same
 * time, so their k-th intervals cover the same part of the schedule; the merged interval spans
 * from the earliest start to the latest end among them. Intervals are written in the order the
 * first log that has them lists them, so the merged log reads like one host's.
 */
public final class HlogMerger {
    private HlogMerger() {
    }

    /**
     * Reads the shards' logs, adds them up and writes {@code out}. A log in the form
     * {@link HlogCounts} knows (what HdrHistogram's writer writes) is added from its decoded
     * counts; any other is read with HdrHistogram's reader, so it adds up the same, only slower.
     */
    public static void merge(List<Path> shardLogs, Path out, String comment) throws IOException {
        Sums sums = new Sums();
        try (HlogCounts reader = new HlogCounts()) {
            for (Path p : shardLogs) {
                Optional<List<HlogCounts.Interval>> fast = reader.read(p);
                if (fast.isPresent()) {
                    sums.startLog();
                    fast.get().forEach(i -> sums.of(i.tag(), i.startMs(), i.endMs()).add(i));
                } else {
                    sums.add(HlogReader.intervals(p));
                }
            }
        }
        write(sums.histograms(), out, comment);
    }

    /**
     * The intervals of {@code logs} (already decoded) added up per (tag, occurrence), in
     * first-seen order, each spanning its parts' earliest start to latest end: the merge's adder
     * for callers that hold the intervals in memory ({@code tailgate sample}'s cluster-wide log
     * adds the masters' k-th intervals with it). The histograms are the caller's to give away:
     * the first of each (tag, occurrence) becomes its sum.
     */
    public static List<Histogram> add(List<List<Histogram>> logs) {
        Sums sums = new Sums();
        logs.forEach(sums::add);
        return sums.histograms();
    }

    /** The sums of one merge, per (tag, occurrence in its log), in the order the first log that has them lists them. */
    private static final class Sums {
        private final Map<String, Sum> byKey = new LinkedHashMap<>();
        private Map<String, Integer> seen = new HashMap<>();

        /** The next log's occurrences count from 1 again. */
        void startLog() {
            seen = new HashMap<>();
        }

        Sum of(String tag, long startMs, long endMs) {
            String t = tag == null ? "" : tag;
            Sum s = byKey.computeIfAbsent(t + "\u0000" + seen.merge(t, 1, Integer::sum), k -> new Sum(tag));
            s.start = Math.min(s.start, startMs);
            s.end = Math.max(s.end, endMs);
            return s;
        }

        void add(List<Histogram> log) {
            startLog();
            for (Histogram h : log) {
                of(h.getTag(), h.getStartTimeStamp(), h.getEndTimeStamp()).add(h);
            }
        }

        List<Histogram> histograms() {
            return byKey.values().stream().map(Sum::histogram).toList();
        }
    }

    /**
     * One merged interval: counts per bucket index while every part has the same bucket layout
     * (the usual case: one benchmark's logs on every shard), else a {@code Histogram} that adds
     * by value (auto-resizing, so parts of other ranges still add up exactly).
     */
    private static final class Sum {
        private final String tag;
        private long start = Long.MAX_VALUE;
        private long end = Long.MIN_VALUE;
        private HlogCounts.Layout layout;
        private long highest;
        private long[] counts;
        private Histogram histogram;

        Sum(String tag) {
            this.tag = tag;
        }

        void add(HlogCounts.Interval i) {
            if (histogram == null && counts == null) {
                layout = i.layout();
                highest = i.highest();
                counts = new long[i.size() == 0 ? 1 : i.indices()[i.size() - 1] + 1];
            }
            if (histogram == null && layout.equals(i.layout())) {
                int top = i.size() == 0 ? 0 : i.indices()[i.size() - 1];
                if (top >= counts.length) {
                    counts = java.util.Arrays.copyOf(counts, Math.max(top + 1, counts.length * 2));
                }
                for (int k = 0; k < i.size(); k++) {
                    counts[i.indices()[k]] += i.counts()[k];
                }
                highest = Math.max(highest, i.highest());
                return;
            }
            Histogram h = histogram();
            for (int k = 0; k < i.size(); k++) {
                h.recordValueWithCount(i.layout().valueAt(i.indices()[k]), i.counts()[k]);
            }
        }

        void add(Histogram h) {
            if (histogram == null && counts == null) {
                // the reader decoded it for us alone: it becomes the sum, no copy
                h.setAutoResize(true);
                histogram = h;
            } else {
                histogram().add(h);
            }
        }

        /** The sum as a Histogram (from here on it adds by value), tagged and timed. */
        Histogram histogram() {
            if (histogram == null) {
                histogram = new Histogram(layout.lowest(), highest, layout.digits());
                histogram.setAutoResize(true);
                // The highest and lowest buckets first: the histogram's max and min are then set
                // once, not moved by every bucket recorded in ascending order (most of the write).
                int lo = 0;
                int hi = counts.length - 1;
                while (lo <= hi && counts[lo] == 0) {
                    lo++;
                }
                while (hi > lo && counts[hi] == 0) {
                    hi--;
                }
                if (lo <= hi) {
                    histogram.recordValueWithCount(layout.valueAt(hi), counts[hi]);
                    if (lo < hi) {
                        histogram.recordValueWithCount(layout.valueAt(lo), counts[lo]);
                    }
                    for (int k = lo + 1; k < hi; k++) {
                        if (counts[k] != 0) {
                            histogram.recordValueWithCount(layout.valueAt(k), counts[k]);
                        }
                    }
                }
                counts = null;
            }
            histogram.setTag(tag);
            histogram.setStartTimeStamp(start);
            histogram.setEndTimeStamp(end);
            return histogram;
        }
    }

    static void write(List<Histogram> intervals, Path out, String comment) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        long base = intervals.stream().mapToLong(Histogram::getStartTimeStamp).min().orElse(0);
        try (OutputStream os = Files.newOutputStream(out);
             PrintStream ps = new PrintStream(new java.io.BufferedOutputStream(os, 1 << 16), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputComment(comment);
            w.outputLogFormatVersion();
            w.outputStartTime(base);
            w.setBaseTime(base);
            w.outputBaseTime(base);
            w.outputLegend();
            for (Histogram h : intervals) {
                w.outputIntervalHistogram(h);
            }
            ps.flush();
            if (ps.checkError()) {
                throw new IOException(out + ": write failed");
            }
        }
    }
}
