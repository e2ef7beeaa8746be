package dev.tailgate.bench.trading;

import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;

/** A real redis-server for benchmark-state tests, with the benchmarks' system properties pointed at it. */
final class BenchRedis {
    private BenchRedis() {
    }

    static EmbeddedRedis start() throws Exception {
        EmbeddedRedis redis = TestRedis.start("stock");
        System.setProperty("tailgate.redis.host", redis.target().host());
        System.setProperty("tailgate.redis.port", Integer.toString(redis.target().port()));
        System.setProperty("tailgate.keyPrefix", "t:bench:");
        System.setProperty("tailgate.pin", "false");
        return redis;
    }

    static void stop(EmbeddedRedis redis) {
        redis.close();
        for (String p : new String[] {"tailgate.redis.host", "tailgate.redis.port", "tailgate.keyPrefix", "tailgate.pin"}) {
            System.clearProperty(p);
        }
    }
}
