package dev.tailgate.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailgate.model.CorePlan;
import dev.tailgate.model.ForkOptions;
import dev.tailgate.model.Injection;
import dev.tailgate.redis.Redaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code manifest.json}: everything needed to know what a run measured and whether to trust
 * it. Written at start with status RUNNING and rewritten (atomically) as COMPLETE or ABORTED,
 * so a directory never looks complete unless it is. Holds no secret: the password's source is
 * recorded, never its value, and the value of a secret-named {@code -D} option the user gave the
 * forks ({@code --jvm-args}, an arm's {@code jvm:}) is masked wherever the manifest holds it.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
        int schema,
        String runId,
        String suite,
        Status status,
        Optional<String> abortReason,
        Instant startedAt,
        Optional<Instant> endedAt,
        List<String> command,
        JmhSettings jmh,
        Optional<String> suiteGitSha,
        Map<String, String> dependencies,
        RedisInfo redis,
        CorePlan corePlan,
        Pinning pinning,
        HostInfo host,
        Optional<AbInfo> ab,
        Optional<Injection> injection,
        Optional<Design> design,
        Optional<ForkOptions> fork,
        Optional<SuiteFile> suiteFile,
        Optional<Distributed> distributed) {

    public static final int SCHEMA = 1;

    /** INVALID: written only by {@code tailgate merge}, for a merged run missing a shard or holding an incomplete one. */
    public enum Status { RUNNING, COMPLETE, ABORTED, INVALID }

    public Manifest {
        Objects.requireNonNull(runId);
        Objects.requireNonNull(status);
        command = command.stream().map(Redaction::commandLine).toList();
        dependencies = Map.copyOf(dependencies);
        injection = injection == null ? Optional.empty() : injection;
        design = design == null ? Optional.empty() : design;
        fork = fork == null ? Optional.empty()
                : fork.map(f -> new ForkOptions(f.protocol(), userJvmArgs(f.jvmArgs()), f.profilers(), f.floorIo()));
        suiteFile = suiteFile == null ? Optional.empty() : suiteFile;
        distributed = distributed == null ? Optional.empty() : distributed;
    }

    /** A manifest without fork options, suite file or shard (older manifests and hand-made ones). */
    public Manifest(int schema, String runId, String suite, Status status, Optional<String> abortReason,
                    Instant startedAt, Optional<Instant> endedAt, List<String> command, JmhSettings jmh,
                    Optional<String> suiteGitSha, Map<String, String> dependencies, RedisInfo redis,
                    CorePlan corePlan, Pinning pinning, HostInfo host, Optional<AbInfo> ab,
                    Optional<Injection> injection, Optional<Design> design) {
        this(schema, runId, suite, status, abortReason, startedAt, endedAt, command, jmh, suiteGitSha, dependencies,
                redis, corePlan, pinning, host, ab, injection, design, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A run without injection, measured the ordinary way (one arm per fork). */
    public Manifest(int schema, String runId, String suite, Status status, Optional<String> abortReason,
                    Instant startedAt, Optional<Instant> endedAt, List<String> command, JmhSettings jmh,
                    Optional<String> suiteGitSha, Map<String, String> dependencies, RedisInfo redis,
                    CorePlan corePlan, Pinning pinning, HostInfo host, Optional<AbInfo> ab) {
        this(schema, runId, suite, status, abortReason, startedAt, endedAt, command, jmh, suiteGitSha, dependencies,
                redis, corePlan, pinning, host, ab, Optional.empty(), Optional.empty());
    }

    public Manifest finished(Status s, Optional<String> reason, Instant end, Pinning p) {
        return new Manifest(schema, runId, suite, s, reason, startedAt, Optional.of(end), command, jmh,
                suiteGitSha, dependencies, redis, corePlan, p, host, ab, injection, design, fork, suiteFile,
                distributed);
    }

    /** This manifest recording an injected delay ({@link Injection}); empty = none. */
    public Manifest withInjection(Optional<Injection> i) {
        return new Manifest(schema, runId, suite, status, abortReason, startedAt, endedAt, command, jmh,
                suiteGitSha, dependencies, redis, corePlan, pinning, host, ab, i, design, fork, suiteFile,
                distributed);
    }

    /** This manifest as one arm of {@code tailgate ab} ({@link AbInfo}); empty = a run of its own. */
    public Manifest withAb(Optional<AbInfo> a) {
        return new Manifest(schema, runId, suite, status, abortReason, startedAt, endedAt, command, jmh,
                suiteGitSha, dependencies, redis, corePlan, pinning, host, a, injection, design, fork, suiteFile,
                distributed);
    }

    /** The A/B as it ended: forks per arm and their order, known only once adaptive rounds stop. */
    public Manifest withAbRounds(int forks, List<String> order) {
        JmhSettings j = new JmhSettings(jmh.benchmarks(), jmh.params(), forks, jmh.warmupIterations(), jmh.warmupTime(),
                jmh.iterations(), jmh.iterationTime(), jmh.jvmArgsAppend(), jmh.jmhVersion());
        Optional<AbInfo> a = ab.map(x -> new AbInfo(x.abId(), x.role(), x.spec(), x.declared(), order, x.otherRun()));
        return new Manifest(schema, runId, suite, status, abortReason, startedAt, endedAt, command, j,
                suiteGitSha, dependencies, redis, corePlan, pinning, host, a, injection, design, fork, suiteFile,
                distributed);
    }

    /** This manifest recording how the arms were measured ({@link Design}). */
    public Manifest withDesign(Optional<Design> d) {
        return new Manifest(schema, runId, suite, status, abortReason, startedAt, endedAt, command, jmh,
                suiteGitSha, dependencies, redis, corePlan, pinning, host, ab, injection, d, fork, suiteFile,
                distributed);
    }

    /** This manifest recording the forks' protocol, JVM options, profilers and floor I/O ({@link ForkOptions}). */
    public Manifest withFork(ForkOptions f) {
        return new Manifest(schema, runId, suite, status, abortReason, startedAt, endedAt, command, jmh,
                suiteGitSha, dependencies, redis, corePlan, pinning, host, ab, injection, design, Optional.of(f), suiteFile,
                distributed);
    }

    /**
     * The forks' options; a manifest from before they were recorded had RESP2, no options, no
     * profiler and the floor on socket streams ({@link ForkOptions#UNRECORDED}).
     */
    public ForkOptions forkOptions() {
        return fork.orElse(ForkOptions.UNRECORDED);
    }

    /**
     * JVM options with secret-named {@code -D} values masked. tailgate's own
     * {@code -Dtailgate.*} properties are kept as they are: they never carry a secret (a
     * password travels as the path of a private file) and say where the run's files went.
     */
    static List<String> userJvmArgs(List<String> args) {
        return args.stream().map(a -> a.startsWith("-Dtailgate.") ? a : Redaction.jvmArguments(List.of(a)).get(0))
                .toList();
    }

    /** This manifest recording the suite file the run's settings came from. */
    public Manifest withSuiteFile(Optional<SuiteFile> f) {
        return new Manifest(schema, runId, suite, status, abortReason, startedAt, endedAt, command, jmh,
                suiteGitSha, dependencies, redis, corePlan, pinning, host, ab, injection, design, fork, f, distributed);
    }

    /**
     * The suite file a run's settings came from (docs/suites.md). Absent from older manifests.
     *
     * @param source          where it was read from: a path, or bundled:suites/NAME.yaml
     * @param sha256          SHA-256 of the file's bytes
     * @param settingsSha256  SHA-256 of what it decides, without comments, description or layout
     */
    public record SuiteFile(String source, String sha256, String settingsSha256) {
    }

    /** This manifest as one shard of a distributed run, or as the merge of one ({@link Distributed}). */
    public Manifest withDistributed(Optional<Distributed> d) {
        return new Manifest(schema, runId, suite, status, abortReason, startedAt, endedAt, command, jmh,
                suiteGitSha, dependencies, redis, corePlan, pinning, host, ab, injection, design, fork, suiteFile, d);
    }

    /**
     * Present when the run is part of a distributed run (docs/distributed.md): one shard
     * ({@code tailgate run --shard i/N}), or the merge of the shards ({@code tailgate merge}).
     *
     * @param runId  the distributed run's id, shared by all its shards ({@code --shard-run})
     * @param count  N, the number of shards
     * @param shard  this shard's number i (1..N); absent in a merged run
     * @param parts  in a merged run, the shards it was made of, in shard order; empty in a shard
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Distributed(String runId, int count, Optional<Integer> shard, List<Part> parts) {
        public Distributed {
            Objects.requireNonNull(runId, "runId");
            shard = shard == null ? Optional.empty() : shard;
            parts = parts == null ? List.of() : List.copyOf(parts);
        }

        /** Shard {@code index} of {@code count}. */
        public static Distributed shard(String runId, int index, int count) {
            return new Distributed(runId, count, Optional.of(index), List.of());
        }
    }

    /**
     * One shard as a merged run records it.
     *
     * @param shard    its number i
     * @param runId    its own run id
     * @param hostname the host it ran on
     * @param status   its manifest's status
     */
    public record Part(int shard, String runId, String hostname, Status status) {
    }

    /**
     * How an A/B arm was measured, when not one arm per fork. {@code paired-iterations}: both
     * arms in the same JMH forks, iterations alternating by {@code pattern} (e.g. ABBA, repeated
     * over warm-up and measurement iterations, each counted from 0); this run directory holds
     * the iterations of arm {@code arm}, in order, so its measurement iteration r is round r
     * of the paired design. Absent from older manifests: readers treat that as one arm per fork.
     *
     * @param name    "paired-iterations"
     * @param pattern the alternation pattern, to recompute which iteration was which arm's
     * @param arm     "A" (baseline) or "B" (candidate)
     */
    public record Design(String name, String pattern, String arm) {
        public static final String PAIRED_ITERATIONS = "paired-iterations";
        public static final String PAIRED_FORKS = "paired-forks";

        /** One JMH fork per arm and round, rounds in ABBA order. */
        public static Design pairedForks(String arm) {
            return new Design(PAIRED_FORKS, "ABBA", arm);
        }

        public static Design pairedIterations(String pattern, String arm) {
            return new Design(PAIRED_ITERATIONS, pattern, arm);
        }
    }

    /**
     * Present when the run is one arm of {@code tailgate ab}.
     *
     * @param abId      shared by both arms
     * @param role      "baseline" or "candidate"
     * @param spec      the arm as the user gave it ("profile:low-latency")
     * @param declared  what differs between the arms on purpose (REDIS_PROFILE, ...)
     * @param order     the interleaving actually run, e.g. [A, B, B, A]
     * @param otherRun  the other arm's run id
     */
    public record AbInfo(String abId, String role, String spec, List<String> declared, List<String> order,
                         String otherRun) {
        public AbInfo {
            spec = Redaction.commandLine(spec);
            declared = List.copyOf(declared);
            order = List.copyOf(order);
        }
    }

    /**
     * @param benchmarks      the exact benchmark names selected
     * @param params          @Param restrictions handed to JMH
     * @param jvmArgsAppend   system properties handed to the forks (no secrets: a password
     *                        travels as the path of a private file)
     */
    public record JmhSettings(List<String> benchmarks, Map<String, List<String>> params, int forks,
                              int warmupIterations, String warmupTime, int iterations, String iterationTime,
                              List<String> jvmArgsAppend, String jmhVersion) {
        public JmhSettings {
            benchmarks = List.copyOf(benchmarks);
            params = Map.copyOf(params);
            jvmArgsAppend = userJvmArgs(jvmArgsAppend);
        }
    }

    /**
     * @param mode              "embedded" or "external"
     * @param url               redis://[user@]host:port/db, no password
     * @param version           server version (INFO server)
     * @param binary            embedded: the redis-server path and its source (option|path|bundled)
     * @param profile           embedded: profile name and origin
     * @param profileSha256     embedded: hash of the profile text
     * @param skippedDirectives embedded: profile keys this server rejected
     * @param serverAffinity    embedded: redis-server's real CPU affinity after start
     * @param passwordSource    "none", "env REDIS_PASSWORD" or "file ..."
     * @param transport         how the clients reached Redis; absent in manifests written before
     *                          transports existed, which were all TCP
     * @param cluster           a Redis Cluster target's seeds and masters; absent for one server
     *                          (and in manifests written before clusters were measured)
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record RedisInfo(String mode, String url, String version, Optional<String> binary,
                            Optional<String> profile, Optional<String> profileSha256,
                            List<String> skippedDirectives, Optional<String> serverAffinity,
                            String passwordSource, Optional<Transport> transport, Optional<Cluster> cluster) {
        public RedisInfo {
            skippedDirectives = List.copyOf(skippedDirectives);
            transport = transport == null ? Optional.empty() : transport;
            cluster = cluster == null ? Optional.empty() : cluster;
        }

        /** One server's section, as written before clusters were recorded. */
        public RedisInfo(String mode, String url, String version, Optional<String> binary,
                         Optional<String> profile, Optional<String> profileSha256,
                         List<String> skippedDirectives, Optional<String> serverAffinity,
                         String passwordSource, Optional<Transport> transport) {
            this(mode, url, version, binary, profile, profileSha256, skippedDirectives, serverAffinity, passwordSource,
                    transport, Optional.empty());
        }

        /** A TCP run's section, as written before transports were recorded. */
        public RedisInfo(String mode, String url, String version, Optional<String> binary,
                         Optional<String> profile, Optional<String> profileSha256,
                         List<String> skippedDirectives, Optional<String> serverAffinity, String passwordSource) {
            this(mode, url, version, binary, profile, profileSha256, skippedDirectives, serverAffinity, passwordSource,
                    Optional.empty());
        }

        /** "tcp", "tls" or "unix"; a manifest without the field is from a TCP run. */
        public String transportKind() {
            return transport.map(Transport::kind).orElse("tcp");
        }

        /** "standalone", or "cluster of N masters": runs on different topologies measure different paths. */
        public String topology() {
            return cluster.map(c -> "cluster of " + c.masters() + " masters").orElse("standalone");
        }
    }

    /**
     * A Redis Cluster target: what was given and what was found before the run.
     *
     * @param seeds   the seed nodes as given ({@code host:port})
     * @param masters how many serving masters the first seed's CLUSTER NODES listed
     * @param nodes   those masters' {@code host:port}, sorted: the cluster benchmarks' {@code master=i} order
     */
    public record Cluster(List<String> seeds, int masters, List<String> nodes) {
        public Cluster {
            seeds = List.copyOf(seeds);
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * How the clients reached Redis. Paths and names only: never a password, a key's or a
     * certificate's contents.
     *
     * @param kind           tcp, tls or unix
     * @param user           the ACL user ("default" when none was given)
     * @param tlsVerify      TLS: "verify-full" or "insecure (no verification)"
     * @param tlsServerName  TLS: the name checked and sent as SNI
     * @param tlsCa          TLS: path of the CA file, absent = the JVM's trust store
     * @param tlsCert        TLS: path of the client certificate
     * @param tlsKey         TLS: path of the client key (the path only)
     * @param socket         Unix: path of the socket file
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record Transport(String kind, String user, Optional<String> tlsVerify, Optional<String> tlsServerName,
                            Optional<String> tlsCa, Optional<String> tlsCert, Optional<String> tlsKey,
                            Optional<String> socket) {
    }

    /**
     * @param outcome  BOUND (every pinned thread really bound), FAILED, DISABLED, UNKNOWN
     * @param summary  one line for humans
     * @param threads  one record per thread the benchmarks tried to pin
     */
    public record Pinning(String outcome, String summary, List<PinningRecord> threads) {
        public Pinning {
            threads = List.copyOf(threads);
        }
    }

    /**
     * What a benchmark thread reported about its own pinning (written by the forks, see
     * {@code dev.tailgate.bench.support.PinningRecord}; unknown fields are ignored).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PinningRecord(String benchmark, Map<String, String> params, String role, String thread, Long pid,
                                Integer requestedCpu, String pinMethod, Integer lockCpuId, Boolean lockBound,
                                String affinityImpl, String allowedCpus, String outcome, String reason,
                                String protocol) {
    }

    public record HostInfo(String hostname, String os, String arch, String javaVersion, String javaVendor,
                           int availableProcessors) {
        public static HostInfo current() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
            }
            return new HostInfo(host, System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("os.arch"), System.getProperty("java.version"),
                    System.getProperty("java.vendor"), Runtime.getRuntime().availableProcessors());
        }
    }
}
