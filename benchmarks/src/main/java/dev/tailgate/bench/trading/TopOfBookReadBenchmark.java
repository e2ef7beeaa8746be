package dev.tailgate.bench.trading;

import dev.tailgate.bench.support.PinnedThread;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Reading the top of book: client -> loopback -> Redis -> back, either
 * <ul>
 *   <li>{@code source=book}: best bid and best ask from the sorted-set books, pipelined
 *       {@code ZREVRANGE bids 0 0 WITHSCORES} + {@code ZRANGE asks 0 0 WITHSCORES} (one round trip,
 *       O(log n) each);</li>
 *   <li>{@code source=quote}: {@code HMGET quote bid ask} from the latest-quote hash (one command).</li>
 * </ul>
 * Why: a strategy reads the touch before every decision; the difference tells whether keeping a
 * separate quote hash up to date is worth its extra write.
 *
 * <p>How: SampleTime, ns, one thread, closed loop (coordinated omission applies, see docs/foundations.md).
 * Setup fills 100 symbols' books with {@code bookDepth} orders per side from generated ticks and
 * writes each quote hash; symbols are read round-robin. Memory before/after is printed as a
 * {@code tailgate-memory:} line. Needs a Redis ({@link TradingBenchConfig}); touches only
 * {@code <tailgate.keyPrefix>tob:*}.
 *
 * <p>Run alone: {@code java -jar benchmarks/target/benchmarks.jar TopOfBookRead -p source=book}
 */
public class TopOfBookReadBenchmark extends TradingBenchmark {
    static final int SYMBOLS = 100;

    @Param({"book", "quote"})
    public String source;

    @Param({"50"})
    public int bookDepth;

    private Jedis jedis;
    private String[] bids;
    private String[] asks;
    private String[] quotes;
    private int next;
    private long memoryBefore;
    private PinnedThread pin;
    private String pinning;

    @Setup(Level.Trial)
    public void setup(BenchmarkParams params) {
        open(TradingBenchConfig.fromSystemProperties(), params);
    }

    /** The trial setup with its configuration handed in: JMH comes through {@link #setup}, tests call this. */
    void open(TradingBenchConfig cfg, BenchmarkParams params) {
        if (!source.equals("book") && !source.equals("quote")) {
            throw new IllegalArgumentException("source " + source + ": expected book|quote");
        }
        pin = pinClient(cfg.bench(), params, TopOfBookReadBenchmark.class);
        pinning = describe("reader", pin);
        jedis = cfg.connect("tailgate-top-of-book");
        String prefix = cfg.keyPrefix() + "tob:";
        bids = new String[SYMBOLS];
        asks = new String[SYMBOLS];
        quotes = new String[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) {
            String sym = TradingBenchConfig.symbol(i + 1);
            bids[i] = prefix + "book:" + sym + ":bids";
            asks[i] = prefix + "book:" + sym + ":asks";
            quotes[i] = prefix + "quote:" + sym;
        }
        deleteKeys();
        memoryBefore = TradingBenchConfig.usedMemory(jedis);
        List<Tick> ticks = TradingBenchConfig.payloadTicks(SYMBOLS * bookDepth);
        Pipeline p = jedis.pipelined();
        long id = 1;
        for (Tick t : ticks) {
            int s = Integer.parseInt(t.symbol(), 3, t.symbol().length(), 10) - 1;
            p.zadd(bids[s], t.bidCents(), Long.toString(id++));
            p.zadd(asks[s], t.askCents(), Long.toString(id++));
            p.hset(quotes[s], "bid", Long.toString(t.bidCents()));
            p.hset(quotes[s], "ask", Long.toString(t.askCents()));
        }
        p.sync();
        for (int i = 0; i < SYMBOLS; i++) {
            cfg.expire(jedis, bids[i], asks[i], quotes[i]);
        }
    }

    @Benchmark
    public Object read() {
        int s = next++ % SYMBOLS;
        if (source.equals("quote")) {
            return jedis.hmget(quotes[s], "bid", "ask");
        }
        Pipeline p = jedis.pipelined();
        p.zrevrangeWithScores(bids[s], 0, 0);
        p.zrangeWithScores(asks[s], 0, 0);
        return p.syncAndReturnAll();
    }

    private void deleteKeys() {
        for (int i = 0; i < SYMBOLS; i++) {
            jedis.del(bids[i], asks[i], quotes[i]);
        }
    }

    @TearDown(Level.Trial)
    public void teardown() {
        long after = TradingBenchConfig.usedMemory(jedis);
        System.out.println(TradingBenchConfig.memoryLine("TopOfBookRead source=" + source, memoryBefore, after,
                "read-only after setup; " + pinning));
        deleteKeys();
        jedis.close();
        pin.close();
    }
}
