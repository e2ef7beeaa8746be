package dev.tailgate.bench.trading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/**
 * Connection settings of the trading benchmarks, from system properties (the harness passes
 * them to every fork): {@code tailgate.redis.host} (default 127.0.0.1), {@code tailgate.redis.port}
 * (6379), {@code tailgate.redis.passwordFile} (a file holding the password; the password itself
 * is never a property, it would show in {@code ps}), {@code tailgate.keyPrefix}
 * (default {@code tailgate:bench:}), {@code tailgate.histograms.dir} (where HdrHistogram logs of
 * one-way latency go; unset = none).
 *
 * <p>Package-private on purpose: a shared config class lives in {@code bench/support} on another
 * branch; this minimal reader avoids a merge conflict and can be folded into it later.
 */
final class TradingBenchConfig {
    static final String DEFAULT_PREFIX = "tailgate:bench:";
    private static final GeneratorConfig PAYLOAD = GeneratorConfig.of(100, 1, 20_260_102L);

    private TradingBenchConfig() {
    }

    static String host() {
        return System.getProperty("tailgate.redis.host", "127.0.0.1");
    }

    static int port() {
        return Integer.parseInt(System.getProperty("tailgate.redis.port", "6379"));
    }

    static String keyPrefix() {
        return System.getProperty("tailgate.keyPrefix", DEFAULT_PREFIX);
    }

    static Optional<Path> histogramDir() {
        return Optional.ofNullable(System.getProperty("tailgate.histograms.dir")).map(Path::of);
    }

    /**
     * A Jedis connection speaking RESP2 (pinned: reply shapes and per-call cost must not move
     * with a client default), authenticated from the password file if one is named.
     */
    static Jedis connect(String clientName) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .protocol(RedisProtocol.RESP2)
                .timeoutMillis(10_000)
                .clientName(clientName);
        String pwFile = System.getProperty("tailgate.redis.passwordFile");
        if (pwFile != null && !pwFile.isEmpty()) {
            try {
                b.password(Files.readString(Path.of(pwFile), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new IllegalStateException("tailgate.redis.passwordFile " + pwFile + ": cannot read", e);
            }
        }
        Jedis j = new Jedis(new HostAndPort(host(), port()), b.build());
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
