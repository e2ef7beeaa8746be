package dev.tailgate.run;

import dev.tailgate.model.UsageException;
import dev.tailgate.store.Manifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code tailgate run --shard i/N [--shard-run ID]}: which share of a distributed run this host
 * makes. The forks get it as {@code -Dtailgate.shard=i/N} (the benchmarks' {@code BenchShard}
 * turns it into a key slice and a part of the rate); the manifest records it with the id that
 * all shards share, so that {@code merge} can tell shards of one distributed run from shards of
 * another (docs/distributed.md).
 *
 * @param index i, 1..N
 * @param count N
 * @param runId {@code --shard-run}; empty = derived from the suite and its settings ({@link #defaultRunId})
 */
public record ShardSpec(int index, int count, Optional<String> runId) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Pattern SHARD = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    public ShardSpec {
        if (count < 1 || index < 1 || index > count) {
            throw new UsageException("--shard " + index + "/" + count + ": expected i/N with 1 <= i <= N");
        }
        runId.ifPresent(ShardSpec::checkRunId);
    }

    /** Parses {@code --shard i/N}; a bad value is a usage error (exit 2). */
    public static ShardSpec parse(String shard, Optional<String> runId) {
        var m = SHARD.matcher(shard.strip());
        if (!m.matches()) {
            throw new UsageException("--shard " + shard + ": expected i/N with 1 <= i <= N, e.g. 2/4");
        }
        return new ShardSpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), runId);
    }

    private static void checkRunId(String id) {
        if (!PLAIN.matcher(id).matches()) {
            throw new UsageException("--shard-run " + id
                    + ": expected a plain name (letters, digits, '-', '_', '.'; not starting with '.')");
        }
    }

    /** The system property the forks read. */
    public String forkProperty() {
        return "-Dtailgate.shard=" + index + "/" + count;
    }

    /** What the manifest records: this shard, under the given or the derived distributed-run id. */
    public Manifest.Distributed resolve(String suite, Manifest.JmhSettings jmh, Optional<String> gitSha) {
        return Manifest.Distributed.shard(runId.orElseGet(() -> defaultRunId(suite, jmh, gitSha, count)), index, count);
    }

    /**
     * {@code <suite>-<N>x-<hash>}: the same on every host that runs the same suite with the same
     * settings, benchmarks and build in N shards, without the hosts talking to each other.
     * Host-specific settings (the forks' -D properties: target address, CPUs, directories, the
     * shard number itself) are left out. Two distributed runs of one suite and settings get the
     * same id, so a fan-out that can meet another one in the same results store must pass
     * {@code --shard-run} (the deploy/ recipes pass the job's own id).
     */
    static String defaultRunId(String suite, Manifest.JmhSettings jmh, Optional<String> gitSha, int count) {
        Map<String, List<String>> params = new TreeMap<>(jmh.params());
        String key = String.join("\n", suite, String.valueOf(count), jmh.benchmarks().stream().sorted().toList().toString(),
                params.toString(), String.valueOf(jmh.forks()), jmh.warmupIterations() + "x" + jmh.warmupTime(),
                jmh.iterations() + "x" + jmh.iterationTime(), String.valueOf(jmh.jmhVersion()), gitSha.orElse("-"));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return suite + "-" + count + "x-" + HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
