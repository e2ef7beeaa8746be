package dev.tailgate.bench.load;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchKeyspace;
import dev.tailgate.bench.support.RedisConnections;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * One thread's keys and payloads for a load shape, all built at setup: for each key family the
 * mix uses, {@code keyspace} keys under the trial's own namespace ({@code <ns>s:i} strings,
 * {@code c:i} counters, {@code h:i} hashes with field {@code f}, {@code l:i} lists), preloaded so
 * that every GET, HGET and INCR hits; and one payload per entry of the value-size table.
 * Preloaded strings get sizes drawn from the same table, so GETs return the asked-for sizes.
 *
 * <p>Every key gets the run's TTL ({@code SET ... PX}, else {@code PEXPIRE} once after the
 * write); the timed SET sends {@code PX} too, and INCR, HSET and LPUSH keep a TTL. One gap: a
 * list that RPOP empties is deleted by Redis, and a later LPUSH re-creates it without a TTL; the
 * trial's teardown removes it (SCAN of the namespace), a killed run leaves it.
 */
final class LoadKeyspace implements AutoCloseable {
    private static final int BATCH = 1000;
    static final byte[] FIELD = "f".getBytes(StandardCharsets.US_ASCII);

    private final BenchKeyspace namespace;
    private final byte[][][] keys = new byte[LoadCommand.Family.values().length][][];
    private final byte[][] payloads;
    private final long ttl;
    private final byte[] ttlMillis;

    private LoadKeyspace(BenchKeyspace namespace, byte[][] payloads, long ttlMillis) {
        this.namespace = namespace;
        this.payloads = payloads;
        this.ttl = ttlMillis;
        this.ttlMillis = ttlMillis > 0 ? Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII) : null;
    }

    /** Builds and preloads the keys of the families {@code shape}'s mix uses. */
    static LoadKeyspace create(BenchConfig cfg, String shortName, LoadShape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] payloads = new byte[shape.values().table().size()][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = BenchKeyspace.printable(shape.values().table().get(i), random);
        }
        LoadKeyspace ks = new LoadKeyspace(BenchKeyspace.namespaceOnly(cfg, shortName), payloads, cfg.keyTtlMillis());
        try (Jedis admin = RedisConnections.jedis(cfg)) {
            ValueSizes.Picker sizes = shape.values().picker(random.nextLong());
            for (LoadCommand.Family f : LoadCommand.Family.values()) {
                if (f != LoadCommand.Family.NONE && shape.mix().uses(f)) {
                    ks.keys[f.ordinal()] = ks.preload(admin, f, shape.keyspace(), sizes);
                }
            }
        } catch (RuntimeException e) {
            ks.close();
            throw e;
        }
        return ks;
    }

    /**
     * Preloads the keys of {@code shape}'s mix ({@link #create}), then opens what uses them; if
     * opening fails the keys are removed before the failure goes on.
     */
    static <T> T createThen(BenchConfig cfg, String shortName, LoadShape shape, long seed,
                            java.util.function.Function<LoadKeyspace, T> open) {
        LoadKeyspace ks = create(cfg, shortName, shape, seed);
        try {
            return open.apply(ks);
        } catch (RuntimeException e) {
            ks.close();
            throw e;
        }
    }

    private byte[][] preload(Jedis admin, LoadCommand.Family family, int n, ValueSizes.Picker sizes) {
        String prefix = namespace.namespace() + family.name().toLowerCase(java.util.Locale.ROOT).charAt(0) + ":";
        byte[][] out = new byte[n][];
        Pipeline p = admin.pipelined();
        for (int i = 0; i < n; i++) {
            out[i] = (prefix + i).getBytes(StandardCharsets.UTF_8);
            byte[] value = payloads[sizes.next()];
            switch (family) {
                case STRING -> p.set(out[i], value, namespace.jedisSetParams());
                case COUNTER -> p.set(out[i], "0".getBytes(StandardCharsets.US_ASCII), namespace.jedisSetParams());
                case HASH -> p.hset(out[i], FIELD, value);
                case LIST -> p.rpush(out[i], value);
                default -> throw new IllegalStateException("no keys for " + family);
            }
            if (ttl > 0 && (family == LoadCommand.Family.HASH || family == LoadCommand.Family.LIST)) {
                p.pexpire(out[i], ttl);
            }
            if (i % BATCH == BATCH - 1) {
                p.sync();
            }
        }
        p.sync();
        return out;
    }

    /** Key {@code i} of a family the mix uses. */
    byte[] key(LoadCommand.Family family, int i) {
        return keys[family.ordinal()][i];
    }

    byte[] payload(int i) {
        return payloads[i];
    }

    /** The TTL's digits for {@code SET ... PX}, or null when keys get no TTL. */
    byte[] ttlMillis() {
        return ttlMillis;
    }

    /** The TTL in milliseconds, 0 = none. */
    long ttl() {
        return ttl;
    }

    String namespace() {
        return namespace.namespace();
    }

    /** UNLINKs everything under the namespace (see {@link BenchKeyspace#close()}). */
    @Override
    public void close() {
        namespace.close();
    }
}
