package dev.tailgate.bench.trading;

import dev.tailgate.bench.support.PinnedThread;
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

/**
 * The cost of each stream trimming style on the write path: client -> loopback -> Redis
 * {@code XADD} of one generated tick -> back, with
 * <ul>
 *   <li>{@code approx}: {@code MAXLEN ~ maxLen} — trims whole radix-tree nodes (~100 entries)
 *       when one is full, usually nothing: the cheap, recommended form;</li>
 *   <li>{@code exact}: {@code MAXLEN maxLen} — removes exactly one entry on every call once
 *       full, touching a node each time;</li>
 *   <li>{@code minid}: {@code MINID <now - windowMillis>} (exact) — trims by age, keeping the last
 *       {@code windowMillis} of entries; its length depends on the write rate. The cut-off comes
 *       from this JVM's wall clock and entry IDs from Redis's: against a remote server, clock
 *       skew shifts the window (not the per-call cost).</li>
 * </ul>
 * Why it matters: the trading stream trimming guide asks which style a feed handler should
 * use; the answer is in the tail (p99.9), not the mean, because exact trimming does extra work
 * on every call and approximate trimming does it in rare, larger steps.
 *
 * <p>How: SampleTime, ns, one thread, closed loop (a stall shows as one slow sample: coordinated
 * omission, see docs/foundations.md). For {@code approx} and {@code exact} the stream is pre-filled to its cap
 * in setup so every measured call trims from the start; for {@code minid} the warm-up
 * iterations fill the window (it is time-based). Memory: INFO used_memory before/after the trial and the final stream
 * length are printed as a {@code tailgate-memory:} line; the stream never grows without bound.
 * Needs a Redis ({@link TradingBenchConfig}); touches only {@code <tailgate.keyPrefix>xadd:<trim>}.
 *
 * <p>Run alone: {@code java -jar benchmarks/target/benchmarks.jar XaddTrim -p trim=exact}
 */
public class XaddTrimBenchmark extends TradingBenchmark {

    @Param({"approx", "exact", "minid"})
    public String trim;

    @Param({"10000"})
    public long maxLen;

    @Param({"1000"})
    public long windowMillis;

    private Jedis jedis;
    private String key;
    private List<Tick> payload;
    private int next;
    private XAddParams fixedParams;
    private long memoryBefore;
    private PinnedThread pin;
    private String pinning;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
        open(TradingBenchConfig.fromSystemProperties(), params);
    }

    /** The trial setup with its configuration handed in: JMH comes through {@link #setup}, tests call this. */
    void open(TradingBenchConfig cfg, BenchmarkParams params) {
        fixedParams = switch (trim) {
            case "approx" -> XAddParams.xAddParams().maxLen(maxLen).approximateTrimming();
            case "exact" -> XAddParams.xAddParams().maxLen(maxLen).exactTrimming();
            case "minid" -> null;
            default -> throw new IllegalArgumentException("trim " + trim + ": expected approx|exact|minid");
        };
        pin = pinClient(cfg.bench(), params, XaddTrimBenchmark.class);
        pinning = describe("writer", pin);
        jedis = cfg.connect("tailgate-xadd-trim");
        key = cfg.keyPrefix() + "xadd:" + trim;
        jedis.del(key);
        memoryBefore = TradingBenchConfig.usedMemory(jedis);
        payload = TradingBenchConfig.payloadTicks(4096);
        for (int i = 0; i < maxLen && fixedParams != null; i++) {
            xadd();
        }
        // MINID preloads nothing: one entry creates the stream so it can carry the TTL (the
        // window trims it away like any other entry)
        if (!jedis.exists(key)) {
            xadd();
        }
        cfg.expire(jedis, key);
    }

    @Benchmark
    public StreamEntryID xadd() {
        Tick t = payload.get(next++ & 4095);
        Map<String, String> f = new LinkedHashMap<>(12);
        f.put("sym", t.symbol());
        f.put("bid", Long.toString(t.bidCents()));
        f.put("ask", Long.toString(t.askCents()));
        f.put("bidSize", Long.toString(t.bidSize()));
        f.put("askSize", Long.toString(t.askSize()));
        f.put("last", Long.toString(t.lastCents()));
        f.put("ts", Long.toString(t.exchangeTimestampNanos()));
        XAddParams p = fixedParams != null ? fixedParams
                : XAddParams.xAddParams().minId((System.currentTimeMillis() - windowMillis) + "-0");
        return jedis.xadd(key, p, f);
    }

    /** Current stream length (for tests and the memory line). */
    public long length() {
        return jedis.xlen(key);
    }

    @TearDown(Level.Trial)
    public void teardown() {
        long after = TradingBenchConfig.usedMemory(jedis);
        System.out.println(TradingBenchConfig.memoryLine("XaddTrim trim=" + trim, memoryBefore, after,
                "stream length " + length() + " (" + (fixedParams == null ? "MINID window " + windowMillis + " ms"
                        : "cap " + maxLen) + "); " + pinning));
        jedis.del(key);
        jedis.close();
        pin.close();
    }
}
