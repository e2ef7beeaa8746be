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
 * One order-book update as a trading gateway writes it: a pipeline of {@code ZADD} (the new
 * order into {@code book:<SYM>:bids|asks}, score = price in cents), {@code ZREM} (the order
 * placed {@code bookDepth} updates earlier on that book, so each book holds at most {@code bookDepth}
 * orders and memory stays flat) and {@code HSET} of the latest quote, then one sync: client ->
 * loopback -> Redis (three commands) -> back.
 *
 * <p>Why: this is the write a market-making system does per quote change; the pipelined round
 * trip, not a single command, is what its tail latency is made of.
 *
 * <p>How: SampleTime, ns, one thread, closed loop (coordinated omission applies, see docs/foundations.md);
 * payloads are generated ticks over 100 symbols (Zipf popularity, so a few books are hot).
 * Books are pre-filled to {@code bookDepth} in setup. Memory before/after is printed as a
 * {@code tailgate-memory:} line. Needs a Redis ({@link TradingBenchConfig}); touches only
 * {@code <tailgate.keyPrefix>obu:*}.
 *
 * <p>Run alone: {@code java -jar benchmarks/target/benchmarks.jar OrderBookUpdate}
 */
public class OrderBookUpdateBenchmark extends TradingBenchmark {
    static final int SYMBOLS = 100;

    @Param({"50"})
    public int bookDepth;

    private Jedis jedis;
    private String prefix;
    private List<Tick> payload;
    private long[][] ring;
    private int[] ringPos;
    private long nextOrderId = 1;
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
        pin = pinClient(cfg.bench(), params, OrderBookUpdateBenchmark.class);
        pinning = describe("writer", pin);
        jedis = cfg.connect("tailgate-orderbook-update");
        prefix = cfg.keyPrefix() + "obu:";
        deleteKeys();
        memoryBefore = TradingBenchConfig.usedMemory(jedis);
        payload = TradingBenchConfig.payloadTicks(4096);
        ring = new long[SYMBOLS * 2][bookDepth];
        ringPos = new int[SYMBOLS * 2];
        // At least one pass over the 4,096 ticks: each tick position always updates the same
        // side (4,096 is even), so every book and quote the measurement touches exists now and
        // gets the TTL; books stay capped at bookDepth whatever the number of updates.
        for (int i = 0; i < Math.max(SYMBOLS * 2 * bookDepth, 4096); i++) {
            update();
        }
        for (int i = 1; i <= SYMBOLS; i++) {
            String sym = TradingBenchConfig.symbol(i);
            cfg.expire(jedis, prefix + "book:" + sym + ":bids", prefix + "book:" + sym + ":asks",
                    prefix + "quote:" + sym);
        }
    }

    /** ZADD new order, ZREM the order {@code bookDepth} updates back on that book, HSET quote; one round trip. */
    @Benchmark
    public List<Object> update() {
        Tick t = payload.get(next & 4095);
        boolean bid = (next++ & 1) == 0;
        int s = Integer.parseInt(t.symbol(), 3, t.symbol().length(), 10) - 1;
        int book = s * 2 + (bid ? 0 : 1);
        String key = prefix + "book:" + t.symbol() + (bid ? ":bids" : ":asks");
        long id = nextOrderId++;
        long evicted = ring[book][ringPos[book]];
        ring[book][ringPos[book]] = id;
        ringPos[book] = (ringPos[book] + 1) % bookDepth;
        Pipeline p = jedis.pipelined();
        p.zadd(key, bid ? t.bidCents() : t.askCents(), Long.toString(id));
        if (evicted != 0) {
            p.zrem(key, Long.toString(evicted));
        }
        p.hset(prefix + "quote:" + t.symbol(), bid ? "bid" : "ask", Long.toString(bid ? t.bidCents() : t.askCents()));
        return p.syncAndReturnAll();
    }

    /** Orders in one book (for tests). */
    public long bookSize(String symbol, boolean bids) {
        return jedis.zcard(prefix + "book:" + symbol + (bids ? ":bids" : ":asks"));
    }

    private void deleteKeys() {
        for (int i = 1; i <= SYMBOLS; i++) {
            String sym = TradingBenchConfig.symbol(i);
            jedis.del(prefix + "book:" + sym + ":bids", prefix + "book:" + sym + ":asks", prefix + "quote:" + sym);
        }
    }

    @TearDown(Level.Trial)
    public void teardown() {
        long after = TradingBenchConfig.usedMemory(jedis);
        System.out.println(TradingBenchConfig.memoryLine("OrderBookUpdate bookDepth=" + bookDepth, memoryBefore, after,
                "books capped at " + bookDepth + " orders; " + pinning));
        deleteKeys();
        jedis.close();
        pin.close();
    }
}
