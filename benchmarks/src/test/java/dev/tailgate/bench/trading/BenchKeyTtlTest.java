package dev.tailgate.bench.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchKeyspace;
import dev.tailgate.redis.launch.RedisExtension;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * With tailgate.keyTtlMillis set, every key a benchmark creates carries a TTL from setup on and
 * keeps it through the measured commands (a plain SET would drop it), so a run killed before
 * its teardown leaves nothing permanent.
 */
class BenchKeyTtlTest {
    private static final long TTL = 600_000;

    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension("stock");

    /** The benchmarks' configuration with the run's key TTL, handed to their setup. */
    private static TradingBenchConfig config() {
        return OneWayLatencyBenchmarkTest.config(REDIS.server(), Map.of(BenchConfig.KEY_TTL_MILLIS, Long.toString(TTL)));
    }

    @AfterEach
    void clean() {
        try (Jedis j = jedis()) {
            j.flushAll();
        }
    }

    private static Jedis jedis() {
        return new Jedis(REDIS.server().host(), REDIS.server().port());
    }

    /** Key -> PTTL of every benchmark key; -1 means no TTL. */
    private static Map<String, Long> ttls() {
        Map<String, Long> out = new TreeMap<>();
        try (Jedis j = jedis()) {
            Set<String> keys = j.keys("t:bench:*");
            keys.forEach(k -> out.put(k, j.pttl(k)));
        }
        return out;
    }

    private static void assertAllExpire(String what) {
        Map<String, Long> t = ttls();
        assertTrue(!t.isEmpty(), what + ": no keys to check");
        t.forEach((k, v) -> assertTrue(v > 0 && v <= TTL, what + ": " + k + " has PTTL " + v));
    }

    @Test
    void setBenchmarksKeepTheTtlOfTheirKeys() {
        BenchConfig cfg = config().bench();
        try (BenchKeyspace ks = BenchKeyspace.create(cfg, "JedisSet", 16, 64, 1);
             Jedis client = jedis()) {
            for (int i = 0; i < ks.size(); i++) {
                // what JedisSetBenchmark sends on every call
                client.set(ks.key(i), ks.value(), ks.jedisSetParams());
            }
            assertAllExpire("SET keys");
            assertEquals(16, ttls().size());
        }
        assertEquals(Map.of(), ttls(), "teardown still deletes them");
    }

    @Test
    void tradingKeysGetTheTtlInSetupAndKeepItWhileMeasured() throws Exception {
        for (String trim : new String[] {"exact", "approx", "minid"}) {
            XaddTrimBenchmark x = new XaddTrimBenchmark();
            x.trim = trim;
            x.maxLen = 50;
            x.windowMillis = 1000;
            x.open(config(), null);
            try {
                for (int i = 0; i < 100; i++) {
                    x.xadd();
                }
                assertAllExpire("XaddTrim " + trim);
            } finally {
                x.teardown();
            }
        }
        OrderBookUpdateBenchmark book = new OrderBookUpdateBenchmark();
        book.bookDepth = 2;
        book.open(config(), null);
        try {
            int before = ttls().size();
            for (int i = 0; i < 5_000; i++) {
                book.update();
            }
            assertEquals(before, ttls().size(), "the measurement creates no key that setup did not");
            assertAllExpire("OrderBookUpdate");
        } finally {
            book.teardown();
        }
        TopOfBookReadBenchmark top = new TopOfBookReadBenchmark();
        top.source = "book";
        top.bookDepth = 3;
        top.open(config(), null);
        try {
            assertAllExpire("TopOfBookRead");
        } finally {
            top.teardown();
        }
    }
}
