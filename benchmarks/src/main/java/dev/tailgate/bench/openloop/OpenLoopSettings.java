package dev.tailgate.bench.openloop;

import dev.tailgate.bench.support.BenchConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the fixed-rate benchmarks read in their forked JVM: the shared connection and pinning
 * contract ({@link BenchConfig}: host, port, ACL user, db, password file or
 * {@code REDIS_PASSWORD}, key prefix, pinning, client CPUs) plus the open-loop knobs:
 * <ul>
 *   <li>{@code tailgate.histograms.dir}: where .hlog files go; unset = none written</li>
 *   <li>{@code tailgate.openloop.maxSlipP99Micros}: validity bound on schedule slip</li>
 *   <li>{@code tailgate.openloop.spinMicros}: how long before a send the pacer spins</li>
 * </ul>
 * The password is read on demand and appears in no {@code toString}.
 */
record OpenLoopSettings(BenchConfig redis, Optional<Path> histogramsDir, long maxSlipP99Nanos, long spinNanos) {

    static OpenLoopSettings fromSystemProperties() {
        String dir = System.getProperty("tailgate.histograms.dir", "");
        return new OpenLoopSettings(BenchConfig.fromSystemProperties(),
                dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)),
                Long.getLong("tailgate.openloop.maxSlipP99Micros", OpenLoopConfig.DEFAULT_MAX_SLIP_P99_NANOS / 1_000) * 1_000,
                Long.getLong("tailgate.openloop.spinMicros", 100) * 1_000);
    }

    String host() {
        return redis.redisHost();
    }

    int port() {
        return redis.redisPort();
    }

    Optional<String> user() {
        return redis.redisUser();
    }

    int db() {
        return redis.redisDb();
    }

    Optional<String> password() {
        return redis.password();
    }

    String keyPrefix() {
        return redis.keyPrefix();
    }

    long keyTtlMillis() {
        return redis.keyTtlMillis();
    }

    boolean pin() {
        return redis.pin();
    }

    List<Integer> clientCpus() {
        return redis.clientCpus();
    }

    @Override
    public String toString() {
        return "OpenLoopSettings[" + host() + ":" + port() + "/" + db() + ", prefix " + keyPrefix() + ", pin " + pin()
                + " " + clientCpus() + ", histograms " + histogramsDir.orElse(null) + "]";
    }
}
