package dev.tailgate.bench.trading;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.RedisConnections;
import java.nio.file.Path;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * What the trading benchmarks need beyond the shared contract: connections and the key prefix
 * come from {@link BenchConfig} (host, port, ACL user, db, password file or
 * {@code REDIS_PASSWORD}, protocol), plus {@code tailgate.histograms.dir} (where HdrHistogram
 * logs of one-way latency go; unset = none), memory lines and the payload generator.
 */
final class TradingBenchConfig {
    private static final GeneratorConfig PAYLOAD = GeneratorConfig.of(100, 1, 20_260_102L);

    private TradingBenchConfig() {
    }

    static String keyPrefix() {
        return BenchConfig.fromSystemProperties().keyPrefix();
    }

    /**
     * Gives {@code keys} the run's TTL ({@code tailgate.keyTtlMillis}), if any, once they exist:
     * called in setup, after the keys are created and before anything is measured. XADD, ZADD,
     * ZREM and HSET keep a key's TTL, so the measured commands are unchanged.
     */
    static void expire(redis.clients.jedis.Jedis jedis, String... keys) {
        long ttl = BenchConfig.fromSystemProperties().keyTtlMillis();
        if (ttl > 0) {
            for (String k : keys) {
                jedis.pexpire(k, ttl);
            }
        }
    }

    static Optional<Path> histogramDir() {
        return Optional.ofNullable(System.getProperty("tailgate.histograms.dir")).map(Path::of);
    }

    /**
     * A Jedis connection with the shared contract's target, credentials, db and pinned
     * protocol ({@link RedisConnections#jedis}), named for {@code CLIENT LIST}.
     */
    static Jedis connect(String clientName) {
        Jedis j = RedisConnections.jedis(BenchConfig.fromSystemProperties());
        j.clientSetname(clientName);
        j.ping();
        return j;
    }

    /** {@code used_memory} from INFO memory, bytes. */
    static long usedMemory(Jedis j) {
        for (String line : j.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).strip());
            }
        }
        throw new IllegalStateException("INFO memory has no used_memory line");
    }

    /** The benchmark's output line about memory, so a reader sees streams stayed bounded. */
    static String memoryLine(String benchmark, long beforeBytes, long afterBytes, String detail) {
        return "tailgate-memory: " + benchmark + " used_memory before=" + beforeBytes + " after=" + afterBytes
                + " delta=" + (afterBytes - beforeBytes) + " bytes; " + detail;
    }

    /** Symbol name of a rank in the payload universe (SYM0001 ...). */
    static String symbol(int rank) {
        return PAYLOAD.symbolName(rank);
    }

    /** Payload ticks from the dataset generator: 100 symbols, fixed seed, so every run sends the same bytes. */
    static java.util.List<Tick> payloadTicks(int count) {
        return MarketDataGenerator.ticks(PAYLOAD, count);
    }
}
