package dev.tailgate.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.openloop.LatencyRecorders;
import dev.tailgate.bench.openloop.MixOpenLoop;
import dev.tailgate.bench.openloop.NanoClock;
import dev.tailgate.bench.openloop.OpenLoopConfig;
import dev.tailgate.bench.openloop.Pacer;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The fixed-rate mix's connections against a real redis-server (the project's fixture): a reply
 * of the wrong type stops the run with the one line the closed-loop mix gives, naming the command
 * and the connection (the raw driver's read is split into scan on the receiver and check, so
 * this is the path that must still see the reply's content).
 */
class MixConnectionsRedisTest {

    @Test
    void aReplyOfTheWrongTypeStopsTheRunNamingCommandAndConnection() throws Exception {
        try (RedisServer redis = RedisFixture.start("stock");
             Jedis obs = new Jedis("127.0.0.1", redis.port())) {
            BenchConfig cfg = BenchConfig.of(Map.of(BenchConfig.PORT, Integer.toString(redis.port()),
                    BenchConfig.PIN, "false", BenchConfig.KEY_TTL_MILLIS, "600000"));
            LoadShape shape = LoadShape.parse("GET:1", "uniform", "1", "16", "2", "2");
            try (MixConnections c = MixConnections.openRawResp(cfg, "t.Wrong", shape, 7)) {
                Set<String> keys = obs.keys("*s:0");
                assertEquals(1, keys.size(), "the one preloaded key: " + keys);
                String key = keys.iterator().next();
                obs.del(key);
                obs.lpush(key, "x");
                MixOpenLoop loop = new MixOpenLoop(OpenLoopConfig.of(1_000, 500_000_000L), shape.pipeline(), c,
                        NanoClock.SYSTEM, Pacer.parkThenSpin(NanoClock.SYSTEM, 50_000), new LatencyRecorders(),
                        (k, nanos) -> { });
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(() -> false, () -> { }));
                assertTrue(e.getMessage().startsWith("GET on connection 0: unexpected reply")
                        && e.getMessage().contains("WRONGTYPE"), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            }
        }
    }
}
