package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.HiccupMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HiccupTrialTest {
    private static final BenchId ID = new BenchId("dev.tailgate.bench.net.TcpPingPongBenchmark.roundTrip",
            Map.of("payloadBytes", "14"));

    /**
     * A fake clock drives the meter's own thread: 1 ms sleeps that overshoot by 5 µs, and one
     * 50 ms freeze at the 1,500th. After 3.5 fake seconds the sleeper really sleeps (so the
     * thread does not spin while the test waits). The log must hold one interval per fake
     * second of ~1,000 samples, the freeze in the second one, readable by HdrHistogram's reader.
     */
    @Test
    void recordsAProvokedStallAndAboutAThousandSamplesPerSecond(@TempDir Path dir) throws Exception {
        AtomicLong now = new AtomicLong();
        long[] calls = {0};
        HiccupMeter meter = new HiccupMeter(now::get, nanos -> {
            long call = calls[0]++;
            if (call >= 3_500) {
                LockSupport.parkNanos(nanos);
                now.addAndGet(nanos);
            } else {
                now.addAndGet(nanos + (call == 1_500 ? 50_000_000 : 5_000));
            }
        });
        HiccupTrial trial = HiccupTrial.start(BenchConfig.of(Map.of(BenchConfig.PIN, "false")), ID,
                Optional.of(dir), meter);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (trial.recorded().getTotalCount() < 3_000 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        trial.close();

        Path log = dir.resolve("TcpPingPongBenchmark-payloadBytes=14-fork1-hiccup.hlog");
        assertEquals(List.of(log), Files.list(dir).toList());
        List<Histogram> intervals = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        EncodableHistogram e;
        while ((e = reader.nextIntervalHistogram()) != null) {
            Histogram h = (Histogram) e;
            assertEquals(HiccupTrial.TAG, h.getTag());
            intervals.add(h);
        }
        assertTrue(intervals.size() >= 4, intervals.size() + " intervals");
        // 1.005 ms per fake sample: 995 samples per fake second
        assertEquals(995, intervals.get(0).getTotalCount(), 2);
        assertEquals(5_000, intervals.get(0).getMaxValue(), 5);
        Histogram stalled = intervals.get(1);
        assertEquals(50_000_000, stalled.getMaxValue(), 50_000);
        // the freeze took 50 ms of that second, yet it stands for the ~49 one-millisecond samples
        // it hid, so the second still counts ~995 samples (without the correction: ~946)
        assertEquals(995, stalled.getTotalCount(), 3);
        assertEquals(5_000, intervals.get(2).getMaxValue(), 5);

        String text = Files.readString(log);
        assertTrue(text.contains("hiccup meter placement: DISABLED"), text);
        assertTrue(text.contains("hiccup meter cost: cpu "), text);
        assertNotNull(trial.placement());
        assertEquals(PinRole.HICCUP_METER, trial.placement().role());
    }

    @Test
    void forksOfOneBenchmarkGetTheirOwnNumbers(@TempDir Path dir) {
        for (int fork = 0; fork < 2; fork++) {
            HiccupTrial.start(BenchConfig.of(Map.of(BenchConfig.PIN, "false")), ID, Optional.of(dir),
                    HiccupMeter.system()).close();
        }
        assertTrue(Files.exists(dir.resolve("TcpPingPongBenchmark-payloadBytes=14-fork1-hiccup.hlog")));
        assertTrue(Files.exists(dir.resolve("TcpPingPongBenchmark-payloadBytes=14-fork2-hiccup.hlog")));
    }

    @Test
    void costLineSaysShareOfOneCore() {
        assertEquals("hiccup meter cost: cpu 50.0 ms over 2.0 s wall = 2.50% of one core; steady state 0.50% of one core",
                HiccupTrial.cost(50_000_000, 2_000_000_000, 5_000_000, 1_000_000_000));
        assertTrue(HiccupTrial.cost(5_000_000, 500_000_000, 0, 0).endsWith("steady state not reached"));
        assertTrue(HiccupTrial.cost(-1, 1, -1, 1).contains("unknown"));
    }

    /** Runs {@code place} on a thread of its own (it changes the affinity of the thread it runs on). */
    private static PinningRecord placeOnOwnThread(BenchConfig cfg, HiccupPlacement where) throws InterruptedException {
        PinningRecord[] out = new PinningRecord[1];
        Thread t = new Thread(() -> out[0] = HiccupTrial.place(cfg, ID, where), "hiccup-placement-test");
        t.start();
        t.join(10_000);
        return out[0];
    }

    @Test
    void theClientPlacementPinsTheMeterBesideTheMeasuredThread() throws InterruptedException {
        List<Integer> cpus = AllowedCpus.listIn(Path.of("/proc/self/status")).orElse(List.of(0));
        int client = cpus.get(cpus.size() - 1);
        BenchConfig cfg = BenchConfig.of(Map.of(BenchConfig.CPU_CLIENTS, Integer.toString(client)));
        PinningRecord r = placeOnOwnThread(cfg, HiccupPlacement.CLIENT);
        assertEquals(PinRole.HICCUP_METER, r.role());
        assertEquals(client, r.requestedCpu());
        assertTrue(r.outcome() == PinningOutcome.BOUND || r.outcome() == PinningOutcome.UNSUPPORTED, r.toString());
        if (r.outcome() == PinningOutcome.BOUND) {
            assertEquals(List.of(client), AllowedCpus.parseList(r.allowedCpus()));
        }
    }

    @Test
    void theUnpinnedPlacementLeavesTheMeterOnEveryCpuOfTheProcess() throws InterruptedException {
        List<Integer> cpus = AllowedCpus.listIn(Path.of("/proc/self/status")).orElse(List.of());
        BenchConfig cfg = BenchConfig.of(Map.of(BenchConfig.CPU_SERVER, Integer.toString(cpus.isEmpty() ? 0 : cpus.get(0))));
        PinningRecord r = placeOnOwnThread(cfg, HiccupPlacement.UNPINNED);
        assertEquals(-1, r.requestedCpu());
        assertTrue(r.reason().contains("tailgate.hiccup=unpinned"), r.reason());
        if (r.outcome() == PinningOutcome.NOT_BOUND && !cpus.isEmpty()) {
            assertEquals(cpus, AllowedCpus.parseList(r.allowedCpus()));
        }
    }
}
