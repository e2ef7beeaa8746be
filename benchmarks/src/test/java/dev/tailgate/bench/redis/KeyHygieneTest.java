package dev.tailgate.bench.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.ClientTrial;
import dev.tailgate.bench.support.JedisKeyedClient;
import dev.tailgate.bench.support.LettuceConnection;
import dev.tailgate.bench.support.PinRole;
import dev.tailgate.bench.support.PinningOutcome;
import dev.tailgate.bench.support.PinningRecord;
import dev.tailgate.bench.support.PinningRecords;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Benchmarks share Redis with whatever else lives there: a trial must leave exactly what it
 * found. The prefix deliberately contains glob characters, so a cleanup that SCANs with an
 * unescaped pattern would reach into the neighbouring namespace.
 */
class KeyHygieneTest {
    private static final String PREFIX = "hyg*[1]:";
    private static RedisServer redis;

    @TempDir
    Path pinDir;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisFixture.start("stock");
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private BenchConfig config(String protocol) {
        return BenchConfig.of(Map.of(BenchConfig.PORT, Integer.toString(redis.port()), BenchConfig.KEY_PREFIX, PREFIX,
                BenchConfig.PINNING_DIR, pinDir.toString(), BenchConfig.PROTOCOL, protocol));
    }

    private static Jedis observer() {
        return new Jedis("127.0.0.1", redis.port());
    }

    @Test
    void jedisGetTrialPreloadsItsKeysAndRemovesOnlyThem() {
        try (Jedis obs = observer()) {
            obs.set("unrelated:key", "keep me");
            obs.set(PREFIX + "JedisGet:othertrial:0", "another trial's key");
            Set<String> before = obs.keys("*");

            JedisKeyedClient state = new JedisKeyedClient();
            state.valueBytes = 64;
            state.open(config("RESP2"), new BenchId(JedisGetBenchmark.class.getName() + ".get", Map.of("valueBytes", "64")), 0);
            String namespace = state.trial().keys().namespace();
            assertTrue(namespace.startsWith(PREFIX + "JedisGet:"), namespace);
            Set<String> own = obs.keys(namespace.replace("*", "\\*").replace("[", "\\[").replace("]", "\\]") + "*");
            assertEquals(ClientTrial.KEYS_PER_THREAD, own.size(), "preloaded keys");
            assertEquals(64, state.trial().connection().get(state.trial().randomKey()).length);
            // Written mid-trial: only the namespace SCAN can find this one.
            state.trial().connection().set((namespace + "extra").getBytes(), new byte[] {1});
            // Not ours, but an unescaped glob of the namespace ("hyg*[1]:...") would match it.
            String lookalike = "hygZZ1:" + namespace.substring(PREFIX.length()) + "0";
            obs.set(lookalike, "someone else's");
            state.tearDown();

            Set<String> expected = new java.util.HashSet<>(before);
            expected.add(lookalike);
            assertEquals(expected, obs.keys("*"), "only the trial's own keys may be gone");
            assertEquals("keep me", obs.get("unrelated:key"));
        }
    }

    /**
     * The protocol the server speaks on this connection, from its own answer: HELLO without
     * arguments (Redis 6.2+) reports it on every version the fixture may start, CLIENT INFO's
     * {@code resp=} only from Redis 7. A RESP2 reply is a flat key, value list; RESP3 a map.
     */
    private static long serverProto(Jedis j) {
        List<?> reply = (List<?>) j.sendCommand(Protocol.Command.HELLO);
        for (int i = 0; i < reply.size(); i++) {
            Object key = reply.get(i) instanceof Map.Entry<?, ?> e ? e.getKey() : reply.get(i);
            if (key instanceof byte[] k && SafeEncoder.encode(k).equals("proto")) {
                return (Long) (reply.get(i) instanceof Map.Entry<?, ?> e ? e.getValue() : reply.get(i + 1));
            }
        }
        throw new AssertionError("HELLO did not report proto: " + reply);
    }

    @Test
    void jedisIsPinnedToTheConfiguredProtocol() {
        for (String protocol : List.of("RESP2", "RESP3")) {
            JedisKeyedClient state = new JedisKeyedClient();
            state.valueBytes = 16;
            state.open(config(protocol), new BenchId("jedis.protocol", Map.of()), 0);
            try {
                assertEquals(Long.parseLong(protocol.substring(4)), serverProto(state.trial().connection()), protocol);
                assertEquals(protocol, state.trial().pin().record().protocol());
            } finally {
                state.tearDown();
            }
        }
    }

    @Test
    void lettuceTrialRecordsItsIoThreadAndCleansUp() {
        try (Jedis obs = observer()) {
            obs.set("unrelated:key", "keep me");
            Set<String> before = obs.keys("*");
            BenchId id = new BenchId("dev.tailgate.bench.redis.LettuceSyncGetBenchmark.get", Map.of("valueBytes", "16"));
            ClientTrial<LettuceConnection> trial = ClientTrial.lettuce(config("RESP2"), id, 8, 16, 0);
            try {
                assertEquals(16, trial.connection().connection().sync().get(trial.randomKey()).length);
            } finally {
                trial.close();
            }
            assertEquals(before, obs.keys("*"));
        }
        List<PinningRecord> records = PinningRecords.readAll(pinDir);
        PinningRecord io = records.stream().filter(r -> r.role() == PinRole.IO_THREAD).findFirst().orElseThrow(
                () -> new AssertionError("no io-thread record among " + records));
        assertEquals(PinningOutcome.NOT_BOUND, io.outcome());
        assertTrue(io.thread().contains("EventLoop"), io.toString());
        assertEquals("RESP2", io.protocol());
        assertTrue(records.stream().anyMatch(r -> r.role() == PinRole.CLIENT));
    }
}
