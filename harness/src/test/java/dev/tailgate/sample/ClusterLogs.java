package dev.tailgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.openloop.LatencyRecorders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

/**
 * The oracle of a cluster-wide sampler log, for the unit test and the real-cluster IT: interval
 * k of each tag holds exactly the counts of interval k of every master's log added with
 * HdrHistogram's own {@code add}, every log read with HdrHistogram's own reader.
 */
public final class ClusterLogs {
    private ClusterLogs() {
    }

    /** A log's intervals per tag, in order. */
    public static Map<String, List<Histogram>> intervals(Path hlog) throws Exception {
        Map<String, List<Histogram>> out = new HashMap<>();
        HistogramLogReader r = new HistogramLogReader(hlog.toFile());
        EncodableHistogram h;
        while ((h = r.nextIntervalHistogram()) != null) {
            out.computeIfAbsent(h.getTag(), t -> new ArrayList<>()).add((Histogram) h);
        }
        return out;
    }

    /**
     * Asserts the cluster log is the masters' logs added interval by interval (a master with
     * fewer intervals adds nothing to the later ones) and starts each interval at the earliest
     * master's start; returns the response samples of all intervals added.
     */
    public static Histogram assertAddsUp(Path clusterLog, List<Path> masterLogs) throws Exception {
        Map<String, List<Histogram>> cluster = intervals(clusterLog);
        List<Map<String, List<Histogram>>> masters = new ArrayList<>();
        for (Path log : masterLogs) {
            masters.add(intervals(log));
        }
        Histogram all = LatencyRecorders.newHistogram();
        for (String tag : List.of(HlogOutput.RESPONSE, HlogOutput.SERVICE, HlogOutput.SLIP)) {
            List<Histogram> clusterIntervals = cluster.getOrDefault(tag, List.of());
            int most = masters.stream().mapToInt(m -> m.getOrDefault(tag, List.of()).size()).max().orElse(0);
            assertEquals(most, clusterIntervals.size(), clusterLog + " " + tag + " intervals");
            for (int k = 0; k < most; k++) {
                Histogram oracle = LatencyRecorders.newHistogram();
                long start = Long.MAX_VALUE;
                for (Map<String, List<Histogram>> m : masters) {
                    List<Histogram> log = m.getOrDefault(tag, List.of());
                    if (k < log.size()) {
                        oracle.add(log.get(k));
                        start = Math.min(start, log.get(k).getStartTimeStamp());
                    }
                }
                assertSameCounts(oracle, clusterIntervals.get(k), clusterLog + " " + tag + " interval " + k);
                // each log's times are seconds after its own base, to the ms: a round trip may move one by 1 ms
                assertEquals(start, clusterIntervals.get(k).getStartTimeStamp(), 1, "the earliest master's start");
                if (tag.equals(HlogOutput.RESPONSE)) {
                    all.add(oracle);
                }
            }
        }
        return all;
    }

    /** Same count in every bucket (and so the same percentiles). */
    static void assertSameCounts(Histogram expected, Histogram actual, String what) {
        assertEquals(expected.getTotalCount(), actual.getTotalCount(), what);
        for (HistogramIterationValue v : expected.recordedValues()) {
            assertEquals(v.getCountAtValueIteratedTo(), actual.getCountAtValue(v.getValueIteratedTo()),
                    what + " at " + v.getValueIteratedTo() + " ns");
        }
    }
}
