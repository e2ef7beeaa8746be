package dev.tailgate.bench.support;

import redis.clients.jedis.Jedis;

/** A {@link ClientTrial} whose connection under test is one Jedis connection. */
public final class JedisTrial extends ClientTrial {
    private final Jedis jedis;

    private JedisTrial(BenchConfig cfg, BenchId id, String shortName, int keyCount, int valueBytes, int threadIndex) {
        super(cfg, id, shortName, keyCount, valueBytes, threadIndex, cfg.protocol().name());
        Jedis j;
        try {
            j = RedisConnections.jedis(cfg);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.jedis = j;
    }

    public static JedisTrial open(BenchConfig cfg, BenchId id, String shortName, int keyCount, int valueBytes,
            int threadIndex) {
        return new JedisTrial(cfg, id, shortName, keyCount, valueBytes, threadIndex);
    }

    public Jedis jedis() {
        return jedis;
    }

    @Override
    protected void closeConnection() {
        if (jedis != null) {
            jedis.close();
        }
    }
}
