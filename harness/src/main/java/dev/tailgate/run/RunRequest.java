package dev.tailgate.run;

import dev.tailgate.model.ForkOptions;
import dev.tailgate.model.Injection;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.launch.Topology;
import dev.tailgate.redis.launch.TopologySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the user asked {@code tailgate run} for; empty optionals fall back to the suite.
 *
 * @param command      argv as typed (holds no secret: passwords never come from argv)
 * @param passwordFile --password-file, else REDIS_PASSWORD
 * @param profile      config profile for an embedded server
 * @param port         embedded server port, 0 = free port
 * @param injection    --inject: a known delay in every measured call (the run is then never a
 *                     baseline and never passes a gate)
 * @param fork         --protocol, --jvm-args and --prof
 * @param topology     --topology: how the embedded server is reached (TCP, TLS, Unix socket), or a
 *                     cluster of N masters
 * @param shard        --shard i/N: this host's share of a distributed run (docs/distributed.md)
 */
public record RunRequest(List<String> command, Suite suite, Optional<RedisTarget> target, Optional<Path> passwordFile,
                         Optional<Path> redisServer, String profile, int port, Optional<String> include,
                         OptionalInt forks, OptionalInt iterations, Optional<Duration> time,
                         OptionalInt warmupIterations, Optional<Duration> warmupTime, boolean pin,
                         Path resultsDir, Optional<String> runId, Optional<Injection> injection, ForkOptions fork,
                         TopologySpec topology, Optional<ShardSpec> shard) {
    public RunRequest {
        command = List.copyOf(command);
        fork = fork == null ? ForkOptions.DEFAULT : fork;
        topology = topology == null ? TopologySpec.single(Topology.STANDALONE) : topology;
        shard = shard == null ? Optional.empty() : shard;
    }

    /** A request for a whole run (not a shard of a distributed one) with an embedded server over TCP or an external target. */
    public RunRequest(List<String> command, Suite suite, Optional<RedisTarget> target, Optional<Path> passwordFile,
                      Optional<Path> redisServer, String profile, int port, Optional<String> include,
                      OptionalInt forks, OptionalInt iterations, Optional<Duration> time,
                      OptionalInt warmupIterations, Optional<Duration> warmupTime, boolean pin,
                      Path resultsDir, Optional<String> runId, Optional<Injection> injection, ForkOptions fork) {
        this(command, suite, target, passwordFile, redisServer, profile, port, include, forks, iterations, time,
                warmupIterations, warmupTime, pin, resultsDir, runId, injection, fork, TopologySpec.single(Topology.STANDALONE),
                Optional.empty());
    }

    /** A request with the forks' default options (RESP2, no JVM options, no profiler). */
    public RunRequest(List<String> command, Suite suite, Optional<RedisTarget> target, Optional<Path> passwordFile,
                      Optional<Path> redisServer, String profile, int port, Optional<String> include,
                      OptionalInt forks, OptionalInt iterations, Optional<Duration> time,
                      OptionalInt warmupIterations, Optional<Duration> warmupTime, boolean pin,
                      Path resultsDir, Optional<String> runId, Optional<Injection> injection) {
        this(command, suite, target, passwordFile, redisServer, profile, port, include, forks, iterations, time,
                warmupIterations, warmupTime, pin, resultsDir, runId, injection, ForkOptions.DEFAULT,
                TopologySpec.single(Topology.STANDALONE), Optional.empty());
    }

    /** A request without injection. */
    public RunRequest(List<String> command, Suite suite, Optional<RedisTarget> target, Optional<Path> passwordFile,
                      Optional<Path> redisServer, String profile, int port, Optional<String> include,
                      OptionalInt forks, OptionalInt iterations, Optional<Duration> time,
                      OptionalInt warmupIterations, Optional<Duration> warmupTime, boolean pin,
                      Path resultsDir, Optional<String> runId) {
        this(command, suite, target, passwordFile, redisServer, profile, port, include, forks, iterations, time,
                warmupIterations, warmupTime, pin, resultsDir, runId, Optional.empty());
    }
}
