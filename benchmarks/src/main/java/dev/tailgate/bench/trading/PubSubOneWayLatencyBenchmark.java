package dev.tailgate.bench.trading;

import dev.tailgate.bench.support.PinnedThread;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * One-way latency of a tick through Redis pub/sub: producer PUBLISH -> Redis -> subscriber
 * connection (push, no polling). The fire-and-forget fan-out path next to streams: no
 * persistence, no replay, a slow subscriber is disconnected rather than slowing Redis.
 *
 * <p>How: as {@link StreamOneWayLatencyBenchmark}: the JMH thread publishes one generated tick
 * per call as {@code "<seq> <intendedNanos> <sentNanos> <symbol> <bid> <ask> <bidSize> <askSize> <ts>"}; a
 * subscriber thread in the same JVM records receive time minus send time in an HdrHistogram.
 * Primary metric (SampleTime, ns): the PUBLISH round trip. One-way percentiles and message
 * counts: the {@code tailgate-oneway:} output line and the optional HdrHistogram log
 * ({@code tailgate.histograms.dir}). Every message is accounted at each iteration end (pub/sub
 * gives no delivery guarantee, so a loss is possible and is counted, not hidden). Sends follow
 * the same fixed-rate schedule ({@code ratePerSecond}, 0 = closed loop) with latency also taken
 * from the intended send time. Pub/sub holds no data, so
 * memory before/after shows only client buffers.
 *
 * <p>Run alone: {@code java -jar benchmarks/target/benchmarks.jar PubSubOneWayLatency}
 */
public class PubSubOneWayLatencyBenchmark extends FixedRateProducer {
    private Jedis producer;
    private String channel;
    private List<Tick> payload;
    private long seq;
    private OneWayLatency latency;
    private Subscriber subscriber;
    private Thread thread;
    private volatile Throwable failure;
    private volatile String consumerPinning = "subscriber not started";
    private PinnedThread pin;
    private String pinning;
    private long memoryBefore;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) throws Exception {
        open(TradingBenchConfig.fromSystemProperties(), params);
    }

    /** The trial setup with its configuration handed in: JMH comes through {@link #setup}, tests call this. */
    void open(TradingBenchConfig cfg, BenchmarkParams params) throws Exception {
        pin = pinClient(cfg.bench(), params, PubSubOneWayLatencyBenchmark.class);
        pinning = describe("publisher", pin);
        producer = cfg.connect("tailgate-pubsub-publisher");
        channel = cfg.keyPrefix() + "oneway:pubsub";
        memoryBefore = TradingBenchConfig.usedMemory(producer);
        payload = TradingBenchConfig.payloadTicks(4096);
        latency = new OneWayLatency();
        checkRate();
        if (cfg.histogramDir().isPresent()) {
            latency.startLog(cfg.histogramDir().get(), "PubSubOneWayLatency");
        }
        subscriber = new Subscriber(latency);
        thread = new Thread(() -> {
            try (PinnedThread p = pinReceiver(cfg.bench(), params, PubSubOneWayLatencyBenchmark.class, "subscriber");
                 Jedis j = cfg.connect("tailgate-pubsub-subscriber")) {
                consumerPinning = describe("subscriber", p);
                j.subscribe(subscriber, channel);
            } catch (Throwable t) {
                failure = t;
                subscriber.subscribed.countDown();
            }
        }, "tailgate-pubsub-subscriber");
        thread.setDaemon(true);
        thread.start();
        if (!subscriber.subscribed.await(10, TimeUnit.SECONDS) || failure != null) {
            throw new IllegalStateException("subscriber did not subscribe within 10 s" + (failure == null ? "" : ": " + failure));
        }
    }

    @Benchmark
    public long publish() {
        Tick t = payload.get((int) (seq & 4095));
        String msg = (++seq) + " " + intendedNanos + " " + System.nanoTime() + " " + t.symbol() + " " + t.bidCents()
                + " " + t.askCents() + " " + t.bidSize() + " " + t.askSize() + " " + t.exchangeTimestampNanos();
        return producer.publish(channel, msg);
    }

    public long sent() {
        return seq;
    }

    public OneWayLatency latency() {
        return latency;
    }

    @TearDown(Level.Iteration)
    public void endIteration() throws InterruptedException {
        latency.endIteration(seq, Duration.ofSeconds(10), thread::isAlive, "PubSubOneWayLatency");
    }

    @TearDown(Level.Trial)
    public void teardown() throws InterruptedException {
        subscriber.unsubscribe();
        thread.join(5_000);
        latency.interval();
        latency.closeLog();
        long after = TradingBenchConfig.usedMemory(producer);
        System.out.println(latency.summary("PubSubOneWayLatency", seq));
        System.out.println(TradingBenchConfig.memoryLine("PubSubOneWayLatency", memoryBefore, after,
                describeSchedule() + "; " + pinning + ", " + consumerPinning));
        producer.close();
        pin.close();
    }

    private static final class Subscriber extends JedisPubSub {
        final CountDownLatch subscribed = new CountDownLatch(1);
        private final OneWayLatency latency;

        Subscriber(OneWayLatency latency) {
            this.latency = latency;
        }

        @Override
        public void onSubscribe(String channel, int count) {
            subscribed.countDown();
        }

        @Override
        public void onMessage(String channel, String message) {
            long now = System.nanoTime();
            int a = message.indexOf(' ');
            int b = message.indexOf(' ', a + 1);
            int c = message.indexOf(' ', b + 1);
            latency.onMessage(Long.parseLong(message, 0, a, 10), Long.parseLong(message, a + 1, b, 10),
                    Long.parseLong(message, b + 1, c, 10), now);
        }
    }
}
