package dev.tailgate.redis.launch;

import dev.tailgate.bench.support.RawRespConnection;
import dev.tailgate.bench.support.RedisEndpoint;
import dev.tailgate.bench.support.RespReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A throwaway Redis Cluster of N masters and no replicas on loopback ports: N
 * {@link RedisServer}s (same binary, profile and pinning as a standalone server, each its own
 * work directory and {@code cluster-config-file}), slots split evenly ({@link ClusterSlots}),
 * joined with {@code CLUSTER MEET}, and ready only when every node reports
 * {@code cluster_state:ok}. Every node keeps the standalone launcher's stop guarantees (close,
 * shutdown hook, watchdog); a cluster that does not form stops the nodes it started.
 *
 * <p>Over TLS ({@code --topology tls-cluster}) every node listens on a TLS port only
 * ({@code port 0}) with {@code tls-cluster yes}, so the bus between nodes is TLS as well, and
 * all of them present certificates of one throwaway CA made at start (one CA: the nodes must
 * trust each other on the bus, and a client trusts one file). Its temp directory is deleted
 * when the cluster closes.
 */
public final class RedisCluster implements AutoCloseable {
    /** A node's cluster bus listens on its port + 10000 (Redis 6.2 has no cluster-port): both must fit. */
    static final int BUS_OFFSET = 10000;
    private static final int PORT_ATTEMPTS = 64;

    private final List<RedisServer> nodes;
    private final List<ClusterSlots.Range> slots;
    private final Optional<ThrowawayCerts> certs;

    private RedisCluster(List<RedisServer> nodes, List<ClusterSlots.Range> slots, Optional<ThrowawayCerts> certs) {
        this.nodes = List.copyOf(nodes);
        this.slots = List.copyOf(slots);
        this.certs = certs;
    }

    /**
     * Starts {@code masters} nodes from {@code options} (a fixed port p gives ports p..p+N-1; 0
     * picks free ones), assigns the slots, meets them and waits up to {@code formTimeout} for
     * {@code cluster_state:ok} on every node; else one line naming the nodes that are not ok.
     * {@code options.topology()} is TCP or TLS (every node and the bus over TLS, one CA).
     */
    public static RedisCluster start(RedisServer.Options options, int masters, Duration formTimeout) {
        if (options.topology() == Topology.UNIX) {
            throw new IllegalArgumentException("--topology cluster: nodes are reached over TCP or TLS, not "
                    + options.topology().label());
        }
        if (masters < TopologySpec.MIN_MASTERS || masters > TopologySpec.MAX_MASTERS) {
            throw new IllegalArgumentException("cluster:" + masters + ": expected " + TopologySpec.MIN_MASTERS + ".."
                    + TopologySpec.MAX_MASTERS + " masters");
        }
        List<RedisServer> started = new ArrayList<>();
        Optional<ThrowawayCerts> certs = Optional.empty();
        try {
            certs = options.topology() == Topology.TLS ? Optional.of(clusterCerts()) : Optional.empty();
            Optional<ServerTransport> transport = certs.map(ServerTransport::clusterNode);
            for (int i = 0; i < masters; i++) {
                started.add(startNode(options, i, started, transport));
            }
            List<ClusterSlots.Range> ranges = ClusterSlots.split(masters);
            form(started, ranges, formTimeout);
            return new RedisCluster(started, ranges, certs);
        } catch (RuntimeException e) {
            started.forEach(RedisServer::close);
            certs.ifPresent(c -> ServerTransport.deleteQuietly(c.dir()));
            throw e;
        }
    }

    /** The one throwaway CA and certificates of a TLS cluster, in a temp directory of their own. */
    private static ThrowawayCerts clusterCerts() {
        java.nio.file.Path d;
        try {
            d = java.nio.file.Files.createTempDirectory("tailgate-tls-cluster");
        } catch (IOException e) {
            throw new RedisLaunchException("--topology tls-cluster: cannot create a temp directory (" + e.getMessage() + ")");
        }
        try {
            return ThrowawayCerts.generate(d);
        } catch (RedisLaunchException e) {
            ServerTransport.deleteQuietly(d);
            throw new RedisLaunchException(String.valueOf(e.getMessage()).replace("--topology tls:", "--topology tls-cluster:"));
        } catch (RuntimeException e) {
            ServerTransport.deleteQuietly(d);
            throw e;
        }
    }

    private static RedisServer startNode(RedisServer.Options options, int index, List<RedisServer> others,
                                         Optional<ServerTransport> transport) {
        List<String> extra = new ArrayList<>(options.extraConfig());
        extra.add("cluster-enabled yes");
        extra.add("cluster-config-file nodes.conf");
        Optional<Path> dir = options.workDir().map(d -> d.resolve("node-" + index));
        RedisServer.Options node = new RedisServer.Options(options.binary(), options.profile(), options.port(),
                options.serverCpus(), dir, options.startTimeout(), extra, options.topology());
        if (options.port() != 0) {
            int port = options.port() + index;
            if (port + BUS_OFFSET > 65535) {
                throw new RedisLaunchException("--port " + options.port() + ": node " + index + " would need bus port "
                        + (port + BUS_OFFSET) + ", above 65535");
            }
            return RedisServer.start(node.withPort(port), transport);
        }
        for (int attempt = 1; ; attempt++) {
            int port = busSafePort(others);
            try {
                return RedisServer.start(node.withPort(port), transport);
            } catch (RedisLaunchException e) {
                boolean lostRace = String.valueOf(e.getMessage()).contains("already in use");
                if (!lostRace || attempt >= PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** A free loopback port whose bus port (+10000) is free too and not another node's. */
    private static int busSafePort(List<RedisServer> others) {
        for (int i = 0; i < PORT_ATTEMPTS; i++) {
            int p = RedisServer.freePort();
            boolean taken = others.stream().anyMatch(n -> n.port() == p || n.port() + BUS_OFFSET == p
                    || n.port() == p + BUS_OFFSET);
            if (p + BUS_OFFSET <= 65535 && !taken && RedisServer.portFree(p + BUS_OFFSET)) {
                return p;
            }
        }
        throw new RedisLaunchException("--topology cluster: no free loopback port with a free bus port (+"
                + BUS_OFFSET + ") after " + PORT_ATTEMPTS + " tries");
    }

    private static void form(List<RedisServer> nodes, List<ClusterSlots.Range> ranges, Duration timeout) {
        for (int i = 0; i < nodes.size(); i++) {
            assignSlots(nodes.get(i), ranges.get(i));
        }
        RedisServer first = nodes.get(0);
        for (RedisServer n : nodes.subList(1, nodes.size())) {
            call(first, "CLUSTER", "MEET", n.host(), Integer.toString(n.port()));
        }
        awaitOk(nodes, timeout);
    }

    /** ADDSLOTSRANGE where the server has it (Redis 7), else ADDSLOTS in batches (Redis 6.2). */
    private static void assignSlots(RedisServer node, ClusterSlots.Range range) {
        try (RawRespConnection c = RawRespConnection.connect(node.endpoint())) {
            RespReply r = c.call(encode(ClusterSlots.addSlotsRange(range)));
            if (r instanceof RespReply.Error e) {
                if (!e.message().toLowerCase(java.util.Locale.ROOT).contains("unknown subcommand")) {
                    throw new RedisLaunchException(refused(node, "CLUSTER ADDSLOTSRANGE", e.message()));
                }
                for (List<String> batch : ClusterSlots.addSlotsBatches(range)) {
                    if (c.call(encode(batch)) instanceof RespReply.Error b) {
                        throw new RedisLaunchException(refused(node, "CLUSTER ADDSLOTS", b.message()));
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RedisLaunchException("--topology cluster: node " + node.host() + ":" + node.port()
                    + ": cannot assign slots (" + e.getMessage() + ")");
        }
    }

    private static void call(RedisServer node, String... args) {
        try (RawRespConnection c = RawRespConnection.connect(node.endpoint())) {
            if (c.call(encode(List.of(args))) instanceof RespReply.Error e) {
                throw new RedisLaunchException(refused(node, args[0] + " " + args[1], e.message()));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RedisLaunchException("--topology cluster: node " + node.host() + ":" + node.port() + ": "
                    + args[0] + " " + args[1] + " failed (" + e.getMessage() + ")");
        }
    }

    private static String refused(RedisServer node, String what, String message) {
        return "--topology cluster: node " + node.host() + ":" + node.port() + " refused " + what + " (" + message + ")";
    }

    /** Polls CLUSTER INFO on every node until all say cluster_state:ok, or the deadline passes. */
    private static void awaitOk(List<RedisServer> nodes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<RedisServer> waiting = new ArrayList<>(nodes);
        while (true) {
            waiting.removeIf(RedisCluster::stateOk);
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new RedisLaunchException("--topology cluster: not formed within " + timeout.toMillis() + " ms: "
                        + waiting.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(", "))
                        + " not at cluster_state:ok");
            }
            for (RedisServer n : waiting) {
                if (exitedWithin(n, Duration.ofMillis(20))) {
                    throw new RedisLaunchException("--topology cluster: node " + n.host() + ":" + n.port()
                            + " exited while the cluster formed");
                }
            }
        }
    }

    /** Waits up to {@code d} for the node to exit (the bounded pause between polls); true if it has. */
    private static boolean exitedWithin(RedisServer node, Duration d) {
        Optional<ProcessHandle> h = ProcessHandle.of(node.pid());
        if (h.isEmpty()) {
            return true;
        }
        try {
            h.get().onExit().get(d.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisLaunchException("--topology cluster: interrupted while the cluster formed");
        } catch (ExecutionException e) {
            return !node.isAlive();
        }
    }

    /** True when the node answers CLUSTER INFO with cluster_state:ok. */
    static boolean stateOk(RedisServer node) {
        return info(node.endpoint()).map(i -> i.contains("cluster_state:ok")).orElse(false);
    }

    /** CLUSTER INFO's text, empty when the node does not answer it. */
    static Optional<String> info(RedisEndpoint endpoint) {
        try (RawRespConnection c = RawRespConnection.connect(endpoint)) {
            RespReply r = c.call(encode(List.of("CLUSTER", "INFO")));
            return r instanceof RespReply.Bulk b ? Optional.of(new String(b.value(), StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static byte[] encode(List<String> args) {
        return dev.tailgate.bench.support.RespCommands.encode(args.toArray(String[]::new));
    }

    /** The nodes, in slot order: node i owns {@link #slots()}.get(i). */
    public List<RedisServer> nodes() {
        return nodes;
    }

    public List<ClusterSlots.Range> slots() {
        return slots;
    }

    /** {@code host:port} of every node, comma-separated: the seeds a client needs. */
    public String seeds() {
        return nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(","));
    }

    /** The cluster's throwaway CA and certificates (TLS; deleted when the cluster closes). */
    public Optional<ThrowawayCerts> certificates() {
        return certs;
    }

    /** Stops every node (each also has the standalone launcher's hook and watchdog), then deletes a TLS cluster's CA. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (RedisServer n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        certs.ifPresent(c -> ServerTransport.deleteQuietly(c.dir()));
        if (first != null) {
            throw first;
        }
    }
}
