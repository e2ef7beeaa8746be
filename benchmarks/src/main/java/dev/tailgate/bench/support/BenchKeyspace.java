package dev.tailgate.bench.support;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The keys one benchmark trial may touch: {@code keyPrefix + shortName + ":" + token + ":" + i}.
 * The token is random per trial (not seeded: two runs against one shared Redis must not
 * collide), so teardown can delete exactly this trial's keys and nothing else. Keys are
 * preloaded at setup so that GET always hits, and removed at close with UNLINK, first by
 * name, then by a SCAN of the trial's namespace for anything left behind. Never FLUSHDB.
 * Setup and cleanup run on their own connection, outside the timed calls.
 *
 * <p>With {@code tailgate.keyTtlMillis} set (the harness sets it), every key is written with
 * that time to live ({@code SET ... PX}), so the keys of a run killed before its teardown
 * expire on their own; {@link #jedisSetParams()} and {@link #lettuceSetArgs()} give SET
 * benchmarks the same PX, since a plain SET would drop the TTL.
 *
 * <p>In a distributed run ({@link BenchShard}) key {@code i} is named by its global index, so
 * the shards' keys are disjoint slices of one index space even under a shared namespace.
 */
public final class BenchKeyspace implements AutoCloseable {
    private static final int BATCH = 256;
    private static final SecureRandom TOKENS = new SecureRandom();

    private final Jedis admin;
    private final String namespace;
    private final byte[][] keys;
    private final byte[] value;
    private final TtlWrites writes;

    private BenchKeyspace(Jedis admin, String namespace, byte[][] keys, byte[] value, long ttlMillis) {
        this.admin = admin;
        this.namespace = namespace;
        this.keys = keys;
        this.value = value;
        this.writes = TtlWrites.of(ttlMillis);
    }

    /**
     * Creates {@code keyCount} keys holding a {@code valueBytes}-byte value drawn from
     * {@code seed} ({@code keyCount} may be 0: a namespace with nothing preloaded).
     */
    public static BenchKeyspace create(BenchConfig cfg, String shortName, int keyCount, int valueBytes, long seed) {
        String namespace = newNamespace(cfg, shortName);
        byte[][] keys = new byte[keyCount][];
        BenchShard shard = BenchShard.fromSystemProperties();
        for (int i = 0; i < keyCount; i++) {
            keys[i] = (namespace + shard.keyIndex(i)).getBytes(StandardCharsets.UTF_8);
        }
        byte[] value = printable(valueBytes, new SplittableRandom(seed));
        Jedis admin = RedisConnections.jedis(cfg);
        BenchKeyspace ks = new BenchKeyspace(admin, namespace, keys, value, cfg.keyTtlMillis());
        try {
            Pipeline p = admin.pipelined();
            SetParams params = ks.jedisSetParams();
            for (byte[] k : keys) {
                p.set(k, value, params);
            }
            p.sync();
        } catch (RuntimeException e) {
            ks.close();
            throw e;
        }
        return ks;
    }

    /** {@code keyPrefix + shortName + ":" + token + ":"} with a fresh random token: a trial's own namespace. */
    public static String newNamespace(BenchConfig cfg, String shortName) {
        byte[] tokenBytes = new byte[6];
        TOKENS.nextBytes(tokenBytes);
        return cfg.keyPrefix() + shortName + ":" + HexFormat.of().formatHex(tokenBytes) + ":";
    }

    /**
     * An empty namespace of this trial's own (nothing preloaded), for a caller that writes its
     * own keys under {@link #namespace()} and leaves their removal to {@link #close()}.
     */
    public static BenchKeyspace namespaceOnly(BenchConfig cfg, String shortName) {
        return create(cfg, shortName, 0, 0, 0);
    }

    /** A value of {@code n} printable ASCII bytes: readable in MONITOR, no encoding surprises. */
    public static byte[] printable(int n, SplittableRandom rnd) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + rnd.nextInt(26));
        }
        return b;
    }

    /** Everything this trial owns starts with this string. */
    public String namespace() {
        return namespace;
    }

    public int size() {
        return keys.length;
    }

    public byte[] key(int i) {
        return keys[i];
    }

    /**
     * SET options that keep this keyspace's TTL: {@code PX ttl}, or none without a TTL (then
     * the command sent is a plain {@code SET key value}). Built once per trial: nothing is
     * allocated per call. Do not modify.
     */
    public SetParams jedisSetParams() {
        return writes.jedis();
    }

    /** The same for Lettuce. */
    public io.lettuce.core.SetArgs lettuceSetArgs() {
        return writes.lettuce();
    }

    /** The preloaded value (do not modify). */
    public byte[] value() {
        return value;
    }

    /** UNLINKs this trial's keys (by name, then any left under the namespace) and disconnects. */
    @Override
    public void close() {
        try {
            for (int from = 0; from < keys.length; from += BATCH) {
                byte[][] batch = java.util.Arrays.copyOfRange(keys, from, Math.min(keys.length, from + BATCH));
                admin.unlink(batch);
            }
            ScanParams match = new ScanParams().match(globEscape(namespace) + "*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = admin.scan(cursor, match);
                List<String> found = new ArrayList<>(page.getResult());
                if (!found.isEmpty()) {
                    admin.unlink(found.toArray(new String[0]));
                }
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        } finally {
            admin.close();
        }
    }

    /** Escapes Redis glob metacharacters so a prefix like "a*b" matches only itself. */
    static String globEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
