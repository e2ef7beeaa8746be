package dev.tailgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.BlockingMixOpenLoop;
import dev.tailgate.bench.openloop.CallbackMixOpenLoop;
import dev.tailgate.bench.openloop.LatencyRecorders;
import dev.tailgate.bench.openloop.NanoClock;
import dev.tailgate.bench.openloop.OpenLoopConfig;
import dev.tailgate.bench.openloop.Pacer;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * The Jedis and Lettuce fixed-rate mixes' connections against a real redis-server (the project's
 * fixture): a wrong reply (GET of a key that became a list: WRONGTYPE) stops the run with the one
 * line the raw RESP mix gives, naming the command and the connection (the first to fail: either of
 * two); through Jedis's plain call
 * ({@code pipeline} 1) and its {@code Pipeline} (2), and through Lettuce's completion.
 */
class ClientMixCallsRedisTest {
    static RedisServer redis;
    static BenchConfig cfg;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisFixture.start("stock");
        cfg = BenchConfig.of(Map.of(BenchConfig.PORT, Integer.toString(redis.port()), BenchConfig.PIN, "false",
                BenchConfig.KEY_TTL_MILLIS, "600000"));
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    /** Turns the one preloaded string of the trial {@code name} into a list. */
    static void spoil(String name) {
        try (Jedis obs = new Jedis("127.0.0.1", redis.port())) {
            Set<String> keys = obs.keys("*" + name + "*s:0");
            assertEquals(1, keys.size(), "the one preloaded key: " + keys);
            String key = keys.iterator().next();
            obs.del(key);
            obs.lpush(key, "x");
        }
    }

    /** Names connection 0, or 1 when the completions of two I/O threads race (Lettuce). */
    static void assertOneLineNaming(RuntimeException e) {
        assertTrue(e.getMessage().matches("GET on connection [01]: unexpected reply .*")
                && e.getMessage().contains("WRONGTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    static CommandHistograms histograms(LoadShape shape) {
        return new CommandHistograms(shape.mix().commands());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void jedisStopsAtAWrongReplyNamingCommandAndConnection(String pipeline) throws Exception {
        LoadShape shape = LoadShape.parse("GET:1", "uniform", "1", "16", pipeline, "2");
        String name = "t.JedisWrong" + pipeline;
        try (JedisMixCalls c = JedisMixCalls.open(cfg, name, shape, 7)) {
            spoil(name);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> BlockingMixOpenLoop.run(
                    OpenLoopConfig.of(1_000, 500_000_000L), shape.pipeline(), c, NanoClock.SYSTEM,
                    Pacer.parkThenSpin(NanoClock.SYSTEM, 50_000), new LatencyRecorders(), histograms(shape), () -> false));
            assertOneLineNaming(e);
        }
    }

    @Test
    void lettuceStopsAtAWrongReplyNamingCommandAndConnection() throws Exception {
        LoadShape shape = LoadShape.parse("GET:1", "uniform", "1", "16", "2", "2");
        try (LettuceMixCommands c = LettuceMixCommands.open(cfg, "t.LettuceWrong", shape, 7, Optional.empty())) {
            spoil("t.LettuceWrong");
            CallbackMixOpenLoop loop = new CallbackMixOpenLoop(OpenLoopConfig.of(1_000, 500_000_000L), shape.pipeline(),
                    c, NanoClock.SYSTEM, Pacer.parkThenSpin(NanoClock.SYSTEM, 50_000), new LatencyRecorders(),
                    histograms(shape));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(() -> false, 5_000_000_000L));
            assertOneLineNaming(e);
            assertTrue(loop.sentSoFar() < 500, "the run stopped early: sent " + loop.sentSoFar());
        }
    }
}
