package dev.tailgate.bench.trading;

import dev.tailgate.bench.support.PinnedThread;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * One-way latency of a tick through a Redis stream: producer XADD -> Redis -> consumer
 * XREAD BLOCK ({@code mode=xread}), XREADGROUP with XACK ({@code group}) or XREADGROUP NOACK
 * ({@code group_noack}). This is the market-data fan-out path: how long after the feed
 * handler writes a tick does a strategy see it.
 *
 * <p>How: the JMH thread is the producer; each call XADDs one generated tick (dataset
 * generator payload, {@code MAXLEN ~ maxLen} so the stream stays bounded) stamped with a
 * sequence number, its intended send time and {@code System.nanoTime()} at send. Sends follow a
 * fixed-rate schedule ({@code ratePerSecond}, default 5,000/s; 0 = closed loop): the wait for
 * the intended time happens in an untimed {@code Level.Invocation} setup, and latency is also
 * taken from the intended time, so producer lag behind a stall is counted, not omitted
 * ({@link FixedRateProducer}, {@link OneWayLatency}). A consumer thread in the same JVM (same monotonic
 * clock) reads with a 100 ms block and records receive time minus send time into HdrHistograms.
 * The JMH primary metric (SampleTime, ns) is the producer's XADD round trip while a consumer is
 * attached; the one-way percentiles are NOT JMH secondary metrics (JMH has no per-message
 * histogram metric and AuxCounters sum values): they are printed as a {@code tailgate-oneway:}
 * line at the end of each fork, and written as an HdrHistogram interval log
 * ({@code <tailgate.histograms.dir>/StreamOneWayLatency-<mode>-<pid>.hlog}, tags {@code oneway} and
 * {@code oneway-intended}, one interval per iteration) when {@code tailgate.histograms.dir} is
 * set. Every message is accounted: the consumer must have received all sent messages at each
 * iteration end (waits up to 10 s), lost and duplicated ones are counted and printed.
 *
 * <p>Pinning: producer and consumer each try to pin ({@link TradingBenchmark#pinReceiver}; on a
 * 2-core VM at most one can). Memory: INFO used_memory before and after the trial, with the final stream length,
 * printed as a {@code tailgate-memory:} line. Needs a Redis ({@link TradingBenchConfig}); touches
 * only {@code <tailgate.keyPrefix>oneway:*}.
 *
 * <p>Run alone: {@code java -jar benchmarks/target/benchmarks.jar StreamOneWayLatency -p mode=group}
 */
public class StreamOneWayLatencyBenchmark extends FixedRateProducer {
    private static final String GROUP = "tailgate";

    @Param({"xread", "group", "group_noack"})
    public String mode;

    @Param({"10000"})
    public long maxLen;

    private Jedis producer;
    private String key;
    private XAddParams trim;
    private List<Tick> payload;
    private long seq;
    private OneWayLatency latency;
    private StreamConsumer consumer;
    private PinnedThread pin;
    private String pinning;
    private long memoryBefore;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) throws Exception {
        open(TradingBenchConfig.fromSystemProperties(), params);
    }

    /** The trial setup with its configuration handed in: JMH comes through {@link #setup}, tests call this. */
    void open(TradingBenchConfig cfg, BenchmarkParams params) throws Exception {
        if (!List.of("xread", "group", "group_noack").contains(mode)) {
            throw new IllegalArgumentException("mode " + mode + ": expected xread|group|group_noack");
        }
        pin = pinClient(cfg.bench(), params, StreamOneWayLatencyBenchmark.class);
        pinning = describe("producer", pin);
        producer = cfg.connect("tailgate-oneway-producer");
        key = cfg.keyPrefix() + "oneway:" + mode;
        producer.del(key);
        memoryBefore = TradingBenchConfig.usedMemory(producer);
        // MKSTREAM creates the (empty) stream so it can carry the TTL before the first XADD;
        // XREAD ignores consumer groups, so for xread mode the group is created and dropped
        producer.xgroupCreate(key, GROUP, new StreamEntryID(0, 0), true);
        if (mode.equals("xread")) {
            producer.xgroupDestroy(key, GROUP);
        }
        cfg.expire(producer, key);
        trim = XAddParams.xAddParams().maxLen(maxLen).approximateTrimming();
        payload = TradingBenchConfig.payloadTicks(4096);
        latency = new OneWayLatency();
        checkRate();
        if (cfg.histogramDir().isPresent()) {
            latency.startLog(cfg.histogramDir().get(), "StreamOneWayLatency-" + mode);
        }
        consumer = new StreamConsumer(cfg, key, mode, latency, params);
        consumer.start();
    }

    /** One tick into the stream; the consumer thread measures its arrival. */
    @Benchmark
    public StreamEntryID produce() {
        Tick t = payload.get((int) (seq & 4095));
        Map<String, String> f = new LinkedHashMap<>(16);
        f.put("seq", Long.toString(++seq));
        f.put("intended", Long.toString(intendedNanos));
        f.put("sent", Long.toString(System.nanoTime()));
        f.put("sym", t.symbol());
        f.put("bid", Long.toString(t.bidCents()));
        f.put("ask", Long.toString(t.askCents()));
        f.put("bidSize", Long.toString(t.bidSize()));
        f.put("askSize", Long.toString(t.askSize()));
        f.put("ts", Long.toString(t.exchangeTimestampNanos()));
        return producer.xadd(key, trim, f);
    }

    /** Messages sent so far. */
    public long sent() {
        return seq;
    }

    public OneWayLatency latency() {
        return latency;
    }

    /** Consumer-group pending entries (XPENDING count); 0 for xread. */
    public long pending() {
        return mode.equals("xread") ? 0 : producer.xpending(key, GROUP).getTotal();
    }

    @TearDown(Level.Iteration)
    public void endIteration() throws InterruptedException {
        latency.endIteration(seq, Duration.ofSeconds(10), consumer::isAlive,
                "StreamOneWayLatency mode=" + mode + consumer.failure());
    }

    @TearDown(Level.Trial)
    public void teardown() throws InterruptedException {
        consumer.stop();
        latency.interval();
        latency.closeLog();
        long after = TradingBenchConfig.usedMemory(producer);
        System.out.println(latency.summary("StreamOneWayLatency mode=" + mode, seq));
        System.out.println(TradingBenchConfig.memoryLine("StreamOneWayLatency mode=" + mode, memoryBefore, after,
                "stream length " + producer.xlen(key) + " (MAXLEN ~ " + maxLen + "), pending " + pending()
                        + "; " + describeSchedule() + "; " + pinning + ", " + consumer.pinning()));
        producer.del(key);
        producer.close();
        pin.close();
    }

    /** The consumer thread: reads in batches of up to 1,000, records, acknowledges in group mode. */
    static final class StreamConsumer {
        private final TradingBenchConfig cfg;
        private final String key;
        private final String mode;
        private final OneWayLatency latency;
        private final BenchmarkParams params;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile String pinning = "consumer not started";
        private volatile Throwable failure;

        StreamConsumer(TradingBenchConfig cfg, String key, String mode, OneWayLatency latency, BenchmarkParams params) {
            this.cfg = cfg;
            this.key = key;
            this.mode = mode;
            this.latency = latency;
            this.params = params;
            this.thread = new Thread(this::run, "tailgate-stream-consumer");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        boolean isAlive() {
            return thread.isAlive();
        }

        String pinning() {
            return pinning;
        }

        String failure() {
            return failure == null ? "" : " consumer failed: " + failure;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }

        private void run() {
            try (PinnedThread pin = pinReceiver(cfg.bench(), params, StreamOneWayLatencyBenchmark.class, "consumer");
                 Jedis j = cfg.connect("tailgate-oneway-consumer")) {
                pinning = describe("consumer", pin);
                StreamEntryID last = new StreamEntryID(0, 0);
                XReadParams xread = XReadParams.xReadParams().block(100).count(1000);
                XReadGroupParams group = XReadGroupParams.xReadGroupParams().block(100).count(1000);
                if (mode.equals("group_noack")) {
                    group.noAck();
                }
                while (running) {
                    List<Map.Entry<String, List<StreamEntry>>> reply = mode.equals("xread")
                            ? j.xread(xread, Map.of(key, last))
                            : j.xreadGroup(GROUP, "c1", group, Map.of(key, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                    // One receive time per reply: every entry in it reached this thread together.
                    long now = System.nanoTime();
                    if (reply == null || reply.isEmpty()) {
                        continue;
                    }
                    List<StreamEntry> entries = reply.get(0).getValue();
                    StreamEntryID[] ids = new StreamEntryID[entries.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = entries.get(i).getID();
                    }
                    last = ids[ids.length - 1];
                    // Acknowledge before counting the entries as received: whoever waits for every
                    // message to arrive then finds none pending. The latency is unaffected, it was
                    // taken at `now`.
                    if (mode.equals("group")) {
                        j.xack(key, GROUP, ids);
                    }
                    for (StreamEntry e : entries) {
                        Map<String, String> f = e.getFields();
                        latency.onMessage(Long.parseLong(f.get("seq")), Long.parseLong(f.get("intended")),
                                Long.parseLong(f.get("sent")), now);
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
