package dev.tailgate.bench.trading;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.ForkArms;
import dev.tailgate.bench.support.HiccupTrial;
import dev.tailgate.bench.support.RedisConnections;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * What the trading benchmarks need beyond the shared contract: connections and the key prefix
 * come from {@link BenchConfig} (host, port, ACL user, db, password file or
 * {@code REDIS_PASSWORD}, protocol), plus {@code tailgate.histograms.dir} (where HdrHistogram
 * logs of one-way latency go; unset = none), memory lines and the payload generator.
 *
 * <p>A JMH fork reads it from its {@code -D} options ({@link #fromSystemProperties()}); tests
 * build one and hand it to the benchmark's setup, so no test changes this JVM's properties.
 *
 * @param bench        the shared contract
 * @param histogramDir where one-way latency logs go; empty = none
 */
record TradingBenchConfig(BenchConfig bench, Optional<Path> histogramDir) {
    static final String HISTOGRAMS_DIR = HiccupTrial.HISTOGRAMS_DIR;
    private static final GeneratorConfig PAYLOAD = GeneratorConfig.of(100, 1, 20_260_102L);

    TradingBenchConfig {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(histogramDir, "histogramDir");
    }

    static TradingBenchConfig fromSystemProperties() {
        return new TradingBenchConfig(BenchConfig.fromSystemProperties(),
                Optional.ofNullable(System.getProperty(HISTOGRAMS_DIR)).map(Path::of));
    }

    String keyPrefix() {
        return bench.keyPrefix();
    }

    /**
     * Gives {@code keys} the run's TTL ({@code tailgate.keyTtlMillis}), if any, once they exist:
     * called in setup, after the keys are created and before anything is measured. XADD, ZADD,
     * ZREM and HSET keep a key's TTL, so the measured commands are unchanged.
     */
    void expire(Jedis jedis, String... keys) {
        long ttl = bench.keyTtlMillis();
        if (ttl > 0) {
            for (String k : keys) {
                jedis.pexpire(k, ttl);
            }
        }
    }

    /**
     * A Jedis connection with the shared contract's target, credentials, db and pinned
     * protocol ({@link RedisConnections#jedis}), named for {@code CLIENT LIST}.
     */
    Jedis connect(String clientName) {
        ForkArms.requireOneArm(clientName);
        Jedis j = RedisConnections.jedis(bench);
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
