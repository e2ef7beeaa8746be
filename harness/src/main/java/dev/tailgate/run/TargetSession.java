package dev.tailgate.run;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.bench.support.TlsSettings;
import dev.tailgate.fingerprint.HostCpus;
import dev.tailgate.model.BadInputException;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.PermissionProbe;
import dev.tailgate.redis.RedisConnector;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.TransportErrors;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisBinary;
import dev.tailgate.redis.launch.RedisServer;
import dev.tailgate.redis.launch.Topology;
import dev.tailgate.redis.launch.TopologySpec;
import dev.tailgate.store.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The Redis a run talks to: an embedded throwaway server, or an external target that has been
 * checked (reachable, password right) before any benchmark starts. Closing stops an embedded
 * server and never touches an external one.
 */
public final class TargetSession implements AutoCloseable {
    /** The manifest's TLS server name of a cluster whose nodes are each checked against their own host. */
    static final String CLUSTER_OWN_HOST = "each node's host";
    /** Every key and channel a benchmark touches starts with this. */
    public static final String KEY_PREFIX = "tailgate:bench:";

    private final RedisTarget target;
    private final Credentials credentials;
    private final Optional<EmbeddedRedis> embedded;
    private final String version;
    private final List<String> masters;
    private final Optional<String> mixedVersions;

    private TargetSession(RedisTarget target, Credentials credentials, Optional<EmbeddedRedis> embedded, String version,
                          List<String> masters) {
        this(target, credentials, embedded, version, masters, Optional.empty());
    }

    private TargetSession(RedisTarget target, Credentials credentials, Optional<EmbeddedRedis> embedded,
                          ClusterCheck.Found found) {
        this(target, credentials, embedded, found.version(), found.masters(), found.mixedVersions());
    }

    private TargetSession(RedisTarget target, Credentials credentials, Optional<EmbeddedRedis> embedded, String version,
                          List<String> masters, Optional<String> mixedVersions) {
        this.target = target;
        this.credentials = credentials;
        this.embedded = embedded;
        this.version = version;
        this.masters = List.copyOf(masters);
        this.mixedVersions = mixedVersions;
    }

    /** Starts an embedded TCP server pinned to {@code serverCpus} with the given profile. */
    public static TargetSession embedded(RedisBinary binary, ConfigProfile profile, int port,
                                         Optional<String> serverCpus, Path workDir) {
        return embedded(binary, profile, port, serverCpus, workDir, Topology.STANDALONE, List.of());
    }

    /**
     * Starts an embedded server reached over {@code topology} (TCP, TLS with a throwaway CA, or a
     * Unix socket); fails before the run if a client of {@code benchmarks} cannot use it.
     */
    public static TargetSession embedded(RedisBinary binary, ConfigProfile profile, int port,
                                         Optional<String> serverCpus, Path workDir, Topology topology,
                                         List<String> benchmarks) {
        return embedded(binary, profile, port, serverCpus, workDir, TopologySpec.single(topology), benchmarks);
    }

    /**
     * Starts an embedded server, or a cluster of {@code spec.masters()} masters, as {@code spec}
     * says; fails before the run if a client or a benchmark of {@code benchmarks} cannot use it.
     */
    public static TargetSession embedded(RedisBinary binary, ConfigProfile profile, int port,
                                         Optional<String> serverCpus, Path workDir, TopologySpec spec,
                                         List<String> benchmarks) {
        RedisServer.Options options = new RedisServer.Options(binary, profile, port, serverCpus, workDir,
                Duration.ofSeconds(20)).withTopology(spec.transport());
        EmbeddedRedis redis = spec.cluster() ? EmbeddedRedis.startCluster(options, spec.masters()) : EmbeddedRedis.start(options);
        try {
            requireClientSupport(redis.target(), benchmarks);
            if (redis.target().isCluster()) {
                ClusterCheck.Found found = ClusterCheck.check(redis.target(), Credentials.none());
                return new TargetSession(redis.target(), Credentials.none(), Optional.of(redis), found);
            }
            String v = probe(redis.target(), Credentials.none());
            return new TargetSession(redis.target(), Credentials.none(), Optional.of(redis), v, List.of());
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /**
     * Checks an external target before anything is measured: reachable, password right, and
     * every permission the {@code benchmarks} need on keys under {@link #KEY_PREFIX} (on a
     * cluster: every master reachable, and the permissions on each master).
     */
    public static TargetSession external(RedisTarget target, Credentials credentials, List<String> benchmarks) {
        requireClientSupport(target, benchmarks);
        if (target.isCluster()) {
            // every master is probed with keys in its own slots: ACLs are per node
            ClusterCheck.Found found = ClusterCheck.check(target, credentials);
            ClusterCheck.probePermissions(target, credentials, found, PermissionProbe.needs(benchmarks));
            return new TargetSession(target, credentials, Optional.empty(), found);
        }
        String version = probe(target, credentials);
        PermissionProbe.check(() -> connect(target, credentials), target, PermissionProbe.needs(benchmarks), KEY_PREFIX);
        return new TargetSession(target, credentials, Optional.empty(), version, List.of());
    }

    /** One line before the run when a client the benchmarks use cannot reach this transport. */
    static void requireClientSupport(RedisTarget t, List<String> benchmarks) {
        ClusterCheck.requireMatchingBenchmarks(t, benchmarks);
        for (String b : benchmarks) {
            Optional<String> why = t.endpoint().unsupportedBy(b);
            if (why.isPresent()) {
                throw new BadInputException("--target " + t.url() + ": " + b + " cannot run: " + why.get());
            }
        }
    }

    static Jedis connect(RedisTarget t, Credentials c) {
        DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000).socketTimeoutMillis(5000).database(t.db())
                .protocol(RedisProtocol.RESP2).clientName("tailgate-probe");
        t.user().ifPresent(cfg::user);
        c.secret().ifPresent(cfg::password);
        return RedisConnector.jedis(t, cfg.build());
    }

    /** PING + INFO server; unreachable, auth and permission failures become one-line bad input. */
    static String probe(RedisTarget t, Credentials c) {
        try (Jedis j = connect(t, c)) {
            j.ping();
            String info = j.info("server");
            return info.lines().filter(l -> l.startsWith("redis_version:"))
                    .map(l -> l.substring("redis_version:".length()).strip()).findFirst().orElse("unknown");
        } catch (JedisAccessControlException e) {
            if (String.valueOf(e.getMessage()).startsWith("NOPERM")) {
                throw new BadInputException("--target " + t.url() + ": permission denied: user " + t.user().orElse("default")
                        + " may not run PING or INFO server (" + RedisConnector.safe(e.getMessage(), c).lines().findFirst()
                        .orElse("NOPERM") + "); grant it, e.g. ACL SETUSER " + t.user().orElse("default") + " +ping +info");
            }
            throw new BadInputException("--target " + t.url() + ": authentication failed ("
                    + firstWord(e.getMessage()) + "): check REDIS_PASSWORD or --password-file");
        } catch (JedisConnectionException e) {
            throw new BadInputException(TransportErrors.unreachable(t, e, "unreachable"));
        } catch (JedisDataException e) {
            String m = String.valueOf(e.getMessage());
            if (m.startsWith("NOAUTH") || m.startsWith("WRONGPASS") || m.contains("AUTH")) {
                throw new BadInputException("--target " + t.url() + ": authentication failed ("
                        + firstWord(m) + "): check REDIS_PASSWORD or --password-file");
            }
            throw new BadInputException("--target " + t.url() + ": server refused the probe (" + m + ")");
        }
    }

    /**
     * Why the target no longer answers, if it does not: one PING on a new connection, bounded by
     * the probe's timeouts. A refusal (a password changed mid-run) is an answer: only a target
     * that cannot be reached or does not reply in time is lost.
     */
    public Optional<String> lost() {
        try (Jedis j = connect(target, credentials)) {
            j.ping();
            return Optional.empty();
        } catch (JedisConnectionException e) {
            return Optional.of((embedded.isPresent() ? "embedded Redis " : "target ") + target.url()
                    + " stopped answering during the run (" + rootMessage(e) + ")");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String firstWord(String m) {
        if (m == null) {
            return "auth error";
        }
        int sp = m.indexOf(' ');
        return sp < 0 ? m : m.substring(0, sp);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    public RedisTarget target() {
        return target;
    }

    public Credentials credentials() {
        return credentials;
    }

    public Optional<EmbeddedRedis> embeddedServer() {
        return embedded;
    }

    public String version() {
        return version;
    }

    /** A cluster's serving masters as {@code host:port}, sorted (the benchmarks' {@code master=i} order); empty for one server. */
    public List<String> masters() {
        return masters;
    }

    /** The manifest's Redis section: which Redis was used, never a password. */
    public Manifest.RedisInfo describe() {
        Optional<Manifest.Cluster> cluster = target.isCluster()
                ? Optional.of(new Manifest.Cluster(target.cluster(), masters.size(), masters)) : Optional.empty();
        if (embedded.isEmpty()) {
            return new Manifest.RedisInfo("external", target.url(), version, Optional.empty(), Optional.empty(),
                    Optional.empty(), List.of(), Optional.empty(), credentials.source(), Optional.of(transport(target)),
                    cluster);
        }
        EmbeddedRedis r = embedded.get();
        Optional<String> affinity = HostCpus.affinityOf(r.pid()).map(AllowedCpus::format);
        return new Manifest.RedisInfo("embedded", target.url(), version,
                Optional.of(r.binary().path() + " (" + r.binary().source() + ")"),
                Optional.of(r.profile().name() + " (" + r.profile().origin() + ")"),
                Optional.of(sha256(r.profile().text())), r.skippedDirectives(), affinity, credentials.source(),
                Optional.of(transport(target)), cluster);
    }

    /**
     * The manifest's transport: kind, user, TLS verification and name, file paths (never
     * contents). A TLS cluster without {@code --tls-server-name} checks each node against its own
     * host, which the name says.
     */
    static Manifest.Transport transport(RedisTarget t) {
        Optional<TlsSettings> tls = t.tls();
        String ownHost = t.isCluster() ? CLUSTER_OWN_HOST : t.host();
        return new Manifest.Transport(t.transport().label(), t.user().orElse("default"),
                tls.map(TlsSettings::verification),
                tls.filter(s -> !s.insecure()).map(s -> s.serverName().orElse(ownHost)),
                tls.flatMap(TlsSettings::ca).map(Path::toString), tls.flatMap(TlsSettings::cert).map(Path::toString),
                tls.flatMap(TlsSettings::key).map(Path::toString), t.socket().map(Path::toString));
    }

    /** One line for the console: version, binary or host, port, embedded or external. */
    public String banner() {
        if (embedded.isEmpty()) {
            return "redis: external " + target.url() + ", Redis " + version
                    + (target.isCluster() ? ", cluster of " + masters.size() + " masters " + String.join(",", masters) : "")
                    + mixedVersions.map(m -> "; " + m).orElse("");
        }
        EmbeddedRedis r = embedded.get();
        return "redis: embedded Redis " + version + " (" + r.binary().path() + ", from " + r.binary().source()
                + "), " + (target.isCluster() ? "cluster of " + masters.size() + " masters " + String.join(",", masters)
                + (target.tls().isPresent() ? " (TLS)" : "") : target.endpoint().describe()) + ", profile " + r.profile().name()
                + r.serverCpus().map(c -> ", server_cpulist " + c).orElse(", not pinned")
                + (r.skippedDirectives().isEmpty() ? "" : ", skipped: " + String.join("; ", r.skippedDirectives()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedRedis::close);
    }
}
