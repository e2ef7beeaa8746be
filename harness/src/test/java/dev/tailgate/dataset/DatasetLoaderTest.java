package dev.tailgate.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.trading.GeneratorConfig;
import dev.tailgate.bench.trading.MarketDataGenerator;
import dev.tailgate.bench.trading.MarketEvent;
import dev.tailgate.bench.trading.Order;
import dev.tailgate.bench.trading.Tick;
import dev.tailgate.bench.trading.Trade;
import dev.tailgate.cli.TailgateCommand;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** {@code tailgate dataset --target} against a real redis-server. */
class DatasetLoaderTest {
    private static final String PREFIX = "t:ds:";
    private static EmbeddedRedis redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        redis = TestRedis.start("stock");
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static int run(StringWriter err, String... args) {
        return TailgateCommand.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    private String url() {
        return redis.target().url();
    }

    private Jedis jedis() {
        return new Jedis(redis.target().host(), redis.target().port());
    }

    private static List<String> allKeys(Jedis j) {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> r = j.scan(cursor, new ScanParams().count(1000));
            keys.addAll(r.getResult());
            cursor = r.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    /** Expected keys by type, from an independent replay of the events (which books stay non-empty). */
    private static Map<String, TreeSet<String>> expectedKeys(GeneratorConfig c) {
        Map<String, TreeSet<String>> byType = new TreeMap<>();
        byType.put("stream", new TreeSet<>());
        byType.put("hash", new TreeSet<>(List.of(PREFIX + "meta")));
        byType.put("zset", new TreeSet<>());
        Map<String, TreeSet<Long>> books = new TreeMap<>();
        MarketDataGenerator g = new MarketDataGenerator(c);
        while (g.hasNext()) {
            MarketEvent e = g.next();
            if (e instanceof Tick t) {
                byType.get("stream").add(PREFIX + "ticks:" + t.symbol());
                byType.get("hash").add(PREFIX + "quote:" + t.symbol());
            } else if (e instanceof Order o && o.type() == Order.Type.LIMIT) {
                String side = o.side() == Order.Side.BUY ? ":bids" : ":asks";
                books.computeIfAbsent(PREFIX + "book:" + o.symbol() + side, k -> new TreeSet<>()).add(o.id());
            } else if (e instanceof Trade t) {
                byType.get("stream").add(PREFIX + "trades");
                books.getOrDefault(PREFIX + "book:" + t.symbol() + ":bids", new TreeSet<>()).remove(t.buyOrderId());
                books.getOrDefault(PREFIX + "book:" + t.symbol() + ":asks", new TreeSet<>()).remove(t.sellOrderId());
            }
        }
        books.forEach((k, ids) -> {
            if (!ids.isEmpty()) {
                byType.get("zset").add(k);
            }
        });
        return byType;
    }

    @Test
    void loadsEveryTypeUnderThePrefixAndLeavesOtherKeysAlone() {
        GeneratorConfig c = GeneratorConfig.of(25, 30_000, 5);
        try (Jedis j = jedis()) {
            j.set("unrelated:key", "keep me");
            TreeSet<String> before = new TreeSet<>(allKeys(j));
            StringWriter err = new StringWriter();
            assertEquals(0, run(err, "dataset", "--symbols", "25", "--events", "30000", "--seed", "5",
                    "--target", url(), "--prefix", PREFIX, "--maxlen", "500"), err.toString());
            assertEquals("keep me", j.get("unrelated:key"));
            Map<String, TreeSet<String>> actual = new TreeMap<>();
            for (String k : allKeys(j)) {
                if (before.contains(k) && !k.startsWith(PREFIX)) {
                    continue;
                }
                assertTrue(k.startsWith(PREFIX), "key outside the prefix: " + k);
                actual.computeIfAbsent(j.type(k), t -> new TreeSet<>()).add(k);
            }
            assertEquals(expectedKeys(c), actual);
            for (String stream : actual.get("stream")) {
                assertTrue(j.xlen(stream) <= 500 + 200, stream + " exceeds MAXLEN ~ 500: " + j.xlen(stream));
            }
            Map<String, String> q = j.hgetAll(PREFIX + "quote:SYM0001");
            assertTrue(Long.parseLong(q.get("bid")) < Long.parseLong(q.get("ask")), q.toString());
            assertEquals("5", j.hget(PREFIX + "meta", "seed"));
        }
    }

    @Test
    void keyOfAnotherTypeUnderThePrefixIsBadInput() {
        try (Jedis j = jedis()) {
            j.set("t:clash:trades", "a string");
            StringWriter err = new StringWriter();
            int code = run(err, "dataset", "--symbols", "3", "--events", "2000", "--target", url(), "--prefix", "t:clash:");
            assertEquals(3, code, err.toString());
            assertTrue(err.toString().contains("WRONGTYPE"), err.toString());
            assertEquals("a string", j.get("t:clash:trades"));
        }
    }

    @Test
    void unreachableTargetAndWrongPasswordAreExitThree() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(3, run(err, "dataset", "--symbols", "3", "--events", "10", "--target", "redis://127.0.0.1:1"));
        assertTrue(err.toString().startsWith("error: --target redis://127.0.0.1:1/0: cannot connect"), err.toString());
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "wrong-password\n");
        try (Jedis j = jedis()) {
            j.configSet("requirepass", "right-password");
            try {
                StringWriter err2 = new StringWriter();
                assertEquals(3, run(err2, "dataset", "--symbols", "3", "--events", "10", "--target", url(),
                        "--password-file", pw.toString()));
                assertEquals(1, err2.toString().strip().lines().count(), err2.toString());
                assertTrue(err2.toString().contains("refused"), err2.toString());
                assertTrue(!err2.toString().contains("wrong-password"), "the password must never be printed");
                Files.writeString(pw, "right-password\n");
                StringWriter err3 = new StringWriter();
                assertEquals(0, run(err3, "dataset", "--symbols", "3", "--events", "10", "--target", url(),
                        "--password-file", pw.toString(), "--prefix", "t:auth:"), err3.toString());
            } finally {
                j.auth("right-password");
                j.configSet("requirepass", "");
            }
        }
    }
}
