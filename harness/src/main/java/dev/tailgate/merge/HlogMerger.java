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
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Adds up the shards' HdrHistogram interval logs of one benchmark and fork: interval k of tag t
 * in the merged log is interval k of tag t of every shard's log, counts added (HdrHistogram's
 * {@code add}, exact: every bucket's count is the sum of the shards'). The shards ran at the same
 * time, so their k-th intervals cover the same part of the schedule; the merged interval spans
 * from the earliest start to the latest end among them. Intervals are written in the order the
 * first log that has them lists them, so the merged log reads like one host's.
 */
public final class HlogMerger {
    private HlogMerger() {
    }

    /**
     * The intervals of {@code logs} added up per (tag, occurrence), in first-seen order. The
     * first log's intervals become the sums: the caller hands over histograms it does not keep.
     */
    public static List<Histogram> add(List<List<Histogram>> logs) {
        Map<String, Histogram> merged = new LinkedHashMap<>();
        for (List<Histogram> log : logs) {
            Map<String, Integer> seen = new HashMap<>();
            for (Histogram h : log) {
                String tag = h.getTag() == null ? "" : h.getTag();
                String key = tag + "\u0000" + seen.merge(tag, 1, Integer::sum);
                Histogram m = merged.get(key);
                if (m == null) {
                    // the reader decoded it for us alone: it becomes the sum, no copy
                    h.setAutoResize(true);
                    merged.put(key, h);
                } else {
                    m.add(h);
                    m.setStartTimeStamp(Math.min(m.getStartTimeStamp(), h.getStartTimeStamp()));
                    m.setEndTimeStamp(Math.max(m.getEndTimeStamp(), h.getEndTimeStamp()));
                }
            }
        }
        return new ArrayList<>(merged.values());
    }

    /** Reads the shards' logs, adds them up and writes {@code out}. */
    public static void merge(List<Path> shardLogs, Path out, String comment) throws IOException {
        List<List<Histogram>> logs = new ArrayList<>();
        for (Path p : shardLogs) {
            logs.add(HlogReader.intervals(p));
        }
        write(add(logs), out, comment);
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
