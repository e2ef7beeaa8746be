package dev.tailgate.bench.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinningRecord;
import dev.tailgate.bench.support.PinningRecords;
import dev.tailgate.redis.launch.RedisExtension;
import dev.tailgate.redis.launch.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the one-way latency benchmarks' state directly against a real redis-server (as JMH
 * would: setup, calls, iteration teardown, trial teardown) and checks the measurement itself:
 * every message counted exactly once, latencies positive and below a second.
 */
class OneWayLatencyBenchmarkTest {
    private static final int MESSAGES = 3_000;
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension("stock");

    /** The benchmarks' configuration pointed at the test server, unpinned unless {@code more} says otherwise. */
    static TradingBenchConfig config(RedisServer server, Map<String, String> more) {
        Map<String, String> props = new HashMap<>(Map.of(BenchConfig.HOST, server.host(),
                BenchConfig.PORT, Integer.toString(server.port()), BenchConfig.KEY_PREFIX, "t:bench:", BenchConfig.PIN, "false"));
        props.putAll(more);
        return new TradingBenchConfig(BenchConfig.of(props), Optional.empty());
    }

    private static void assertMeasured(OneWayLatency l, long sent) {
        assertEquals(sent, l.received(), "every message received");
        assertEquals(0, l.lost(), "none lost");
        assertEquals(0, l.duplicated(), "none double-counted");
        assertEquals(0, l.negative(), "no negative one-way latency");
        Histogram h = l.total();
        assertEquals(sent, h.getTotalCount(), "every message in the histogram once");
        assertTrue(h.getMinValue() > 0, "one-way latency must be positive, min " + h.getMinValue());
        assertTrue(h.getMaxValue() < 1_000_000_000L, "one-way latency must be < 1 s, max " + h.getMaxValue());
        Histogram fromIntended = l.intendedTotal();
        assertEquals(sent, fromIntended.getTotalCount());
        // Each message's intended time is at or before its send time, so latency from the
        // intended time dominates latency from the send time at every percentile.
        for (double q : new double[] {50, 99, 100}) {
            assertTrue(fromIntended.getValueAtPercentile(q) >= h.getValueAtPercentile(q), "p" + q);
        }
    }

    private static void streamMode(String mode, long rate, TradingBenchConfig cfg) throws Exception {
        StreamOneWayLatencyBenchmark b = new StreamOneWayLatencyBenchmark();
        b.mode = mode;
        b.maxLen = 10_000;
        b.ratePerSecond = rate;
        b.open(cfg, null);
        try {
            b.startSchedule();
            for (int i = 0; i < MESSAGES; i++) {
                b.pace();
                b.produce();
            }
            b.endIteration();
            assertMeasured(b.latency(), MESSAGES);
            assertEquals(MESSAGES, b.sent());
            assertEquals(0, b.pending(), mode + ": every entry acknowledged (or NOACK)");
        } finally {
            b.teardown();
        }
    }

    @Test
    void streamXreadCountsEveryMessageAtFixedRateAndClosedLoop() throws Exception {
        streamMode("xread", 5_000, config(REDIS.server(), Map.of()));
        streamMode("xread", 0, config(REDIS.server(), Map.of()));
    }

    @Test
    void streamConsumerGroupWithAckCountsEveryMessageAndLeavesNothingPending() throws Exception {
        streamMode("group", 5_000, config(REDIS.server(), Map.of()));
    }

    @Test
    void streamConsumerGroupNoAckCountsEveryMessage() throws Exception {
        streamMode("group_noack", 5_000, config(REDIS.server(), Map.of()));
    }

    /**
     * With one client CPU in the plan (the 2-core case) the producer takes it and writes a client
     * pinning record; the consumer, started by the producer's thread, must not inherit that CPU
     * (it would queue behind a producer spinning between sends) and records itself as an
     * unplanned consumer. Holds whether or not the affinity lock is free on this host, and on one
     * CPU, where the consumer has nowhere else to go and says so in its record.
     */
    @Test
    void producerAndConsumerWritePinningRecordsAndTheConsumerLeavesTheProducersCpu(@TempDir Path dir) throws Exception {
        List<Integer> cpus = AllowedCpus.listIn(Path.of("/proc/self/status")).orElse(List.of());
        org.junit.jupiter.api.Assumptions.assumeTrue(!cpus.isEmpty(), "needs /proc");
        int clientCpu = cpus.get(cpus.size() - 1);
        streamMode("xread", 5_000, config(REDIS.server(), Map.of(BenchConfig.PIN, "true",
                BenchConfig.CPU_CLIENTS, Integer.toString(clientCpu), BenchConfig.PINNING_DIR, dir.toString())));
        List<PinningRecord> records = PinningRecords.readAll(dir);
        PinningRecord producer = records.stream().filter(r -> r.role() == PinRole.CLIENT).findFirst().orElseThrow();
        PinningRecord consumer = records.stream().filter(r -> r.role() == PinRole.CONSUMER).findFirst().orElseThrow();
        assertEquals(2, records.size(), records::toString);
        assertEquals(clientCpu, producer.requestedCpu());
        assertEquals(-1, consumer.requestedCpu());
        if (cpus.size() > 1) {
            assertTrue(!AllowedCpus.parseList(consumer.allowedCpus()).contains(clientCpu),
                    "consumer must run off the client CPU " + clientCpu + ": " + consumer);
        } else {
            assertEquals(cpus, AllowedCpus.parseList(consumer.allowedCpus()), consumer.toString());
        }
    }

    @Test
    void pubSubCountsEveryMessage() throws Exception {
        PubSubOneWayLatencyBenchmark b = new PubSubOneWayLatencyBenchmark();
        b.ratePerSecond = 5_000;
        b.open(config(REDIS.server(), Map.of()), null);
        try {
            b.startSchedule();
            for (int i = 0; i < MESSAGES; i++) {
                b.pace();
                assertEquals(1, b.publish(), "one subscriber receives each message");
            }
            b.endIteration();
            assertMeasured(b.latency(), MESSAGES);
        } finally {
            b.teardown();
        }
    }

    @Test
    void trimmedEntriesAreCountedAsLostNotHidden() {
        OneWayLatency l = new OneWayLatency();
        l.onMessage(1, 5, 10, 20);
        l.onMessage(4, 5, 10, 30);
        l.onMessage(4, 5, 10, 30);
        l.onMessage(5, 50, 50, 40);
        assertEquals(3, l.received());
        assertEquals(2, l.lost());
        assertEquals(1, l.duplicated());
        assertEquals(1, l.negative());
    }
}
