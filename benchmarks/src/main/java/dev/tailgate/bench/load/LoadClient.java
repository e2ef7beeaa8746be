package dev.tailgate.bench.load;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;

/** The client libraries a mix benchmark drives: how each connects, and what protocol it speaks. */
enum LoadClient {
    /** Plain sockets; no HELLO is sent, so RESP2 whatever is configured. */
    RAW_RESP {
        @Override
        LoadDriver connect(BenchConfig cfg, BenchId id, LoadShape shape, LoadKeyspace keys) {
            return RawRespDriver.open(cfg, shape.connections(), keys.ttlMillis());
        }

        @Override
        String protocol(BenchConfig cfg) {
            return BenchConfig.Protocol.RESP2.name();
        }
    },
    /** Jedis's {@code Connection}, speaking {@code tailgate.protocol}. */
    JEDIS {
        @Override
        LoadDriver connect(BenchConfig cfg, BenchId id, LoadShape shape, LoadKeyspace keys) {
            return JedisDriver.open(cfg, shape.connections(), keys.ttlMillis());
        }

        @Override
        String protocol(BenchConfig cfg) {
            return cfg.protocol().name();
        }
    },
    /** One Lettuce client per thread, its connections sharing its two Netty I/O threads. */
    LETTUCE {
        @Override
        LoadDriver connect(BenchConfig cfg, BenchId id, LoadShape shape, LoadKeyspace keys) {
            return LettuceDriver.open(cfg, id, shape, keys.ttl());
        }

        @Override
        String protocol(BenchConfig cfg) {
            return cfg.protocol().name();
        }
    };

    abstract LoadDriver connect(BenchConfig cfg, BenchId id, LoadShape shape, LoadKeyspace keys);

    /** What the pinning record says the connections speak. */
    abstract String protocol(BenchConfig cfg);
}
