package dev.tailgate.redis.launch;

import dev.tailgate.bench.support.RedisEndpoint;
import dev.tailgate.bench.support.TlsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the launcher adds for a {@link Topology}: the listening lines of redis.conf and the
 * endpoint clients use. TLS and Unix get a temp directory of their own (the throwaway CA and its
 * keys, or the socket file), never the run's work directory, so no key is left in a results
 * directory; it is deleted when the server stops (a {@code kill -9} of the JVM leaves it in the
 * temp directory, holding keys that nothing trusts).
 *
 * @param topology how the server is reached
 * @param dir      the temp directory (TLS, Unix)
 * @param certs    the throwaway CA and certificates (TLS)
 * @param cluster  a node of a TLS cluster ({@code --topology tls-cluster}): the cluster bus is TLS
 *                 too ({@code tls-cluster yes}), and the certificates are the cluster's, made
 *                 and deleted by {@link RedisCluster} (no {@code dir} of this node's own)
 */
public record ServerTransport(Topology topology, Optional<Path> dir, Optional<ThrowawayCerts> certs, boolean cluster) {
    /** The server certificate is for this name (and 127.0.0.1): what clients verify. */
    public static final String SERVER_NAME = "localhost";

    /** One server's transport. */
    public ServerTransport(Topology topology, Optional<Path> dir, Optional<ThrowawayCerts> certs) {
        this(topology, dir, certs, false);
    }

    /**
     * A node of a TLS cluster: every node presents and trusts the one throwaway CA the cluster
     * made ({@code certs}), for clients and for the bus between nodes alike; deleting this
     * transport leaves the files to the cluster, which deletes them when its last node stops.
     */
    static ServerTransport clusterNode(ThrowawayCerts certs) {
        return new ServerTransport(Topology.TLS, Optional.empty(), Optional.of(certs), true);
    }

    /** Makes the temp directory and, for TLS, the certificates. */
    public static ServerTransport prepare(Topology topology) {
        if (topology == Topology.STANDALONE) {
            return new ServerTransport(topology, Optional.empty(), Optional.empty());
        }
        Path d;
        try {
            d = Files.createTempDirectory("tailgate-" + topology.label());
        } catch (IOException e) {
            throw new RedisLaunchException("--topology " + topology.label() + ": cannot create a temp directory ("
                    + e.getMessage() + ")");
        }
        try {
            Optional<ThrowawayCerts> c = topology == Topology.TLS ? Optional.of(ThrowawayCerts.generate(d)) : Optional.empty();
            return new ServerTransport(topology, Optional.of(d), c);
        } catch (RuntimeException e) {
            deleteQuietly(d);
            throw e;
        }
    }

    /** The redis.conf lines that make the server listen: a TCP port, a TLS port, or a socket. */
    List<String> listenLines(int port) {
        return switch (topology) {
            case STANDALONE -> List.of("port " + port);
            case TLS -> {
                ThrowawayCerts c = certs.orElseThrow();
                List<String> lines = new java.util.ArrayList<>(List.of("port 0", "tls-port " + port,
                        "tls-cert-file " + c.serverCert(), "tls-key-file " + c.serverKey(), "tls-ca-cert-file " + c.ca(),
                        "tls-auth-clients optional"));
                if (cluster) {
                    // the bus (tls-port + 10000) is TLS too, and CLUSTER NODES/SLOTS name the TLS ports
                    lines.add("tls-cluster yes");
                }
                yield List.copyOf(lines);
            }
            case UNIX -> List.of("port 0", "unixsocket " + socket(), "unixsocketperm 700");
        };
    }

    /** How clients reach the server; TLS verifies the throwaway CA and {@link #SERVER_NAME}. */
    public RedisEndpoint endpoint(String host, int port) {
        return switch (topology) {
            case STANDALONE -> RedisEndpoint.tcp(host, port);
            case TLS -> new RedisEndpoint(host, port, Optional.empty(), Optional.of(new TlsSettings(
                    Optional.of(certs.orElseThrow().ca()), Optional.empty(), Optional.empty(),
                    Optional.of(SERVER_NAME), false)));
            case UNIX -> new RedisEndpoint(host, 0, Optional.of(socket()), Optional.empty());
        };
    }

    /**
     * The one line when the server rejects a key this topology cannot do without (a redis-server
     * built without TLS rejects {@code tls-port}): dropping it, as the launcher does with unknown
     * profile keys, would start a server that is not the one asked for. Empty for other keys.
     */
    Optional<String> refusal(String rejectedKey, RedisBinary binary) {
        String key = rejectedKey.toLowerCase(java.util.Locale.ROOT);
        boolean essential = topology == Topology.TLS && key.startsWith("tls-")
                || topology == Topology.UNIX && key.startsWith("unixsocket");
        if (!essential) {
            return Optional.empty();
        }
        return Optional.of("--topology " + (cluster ? "tls-cluster" : topology.label()) + ": redis-server " + binary.path()
                + " (" + binary.version() + ") rejects " + rejectedKey + ": it was built without "
                + topology.label().toUpperCase(java.util.Locale.ROOT) + " support; use --topology "
                + (cluster ? "cluster" : "standalone") + " or a redis-server built with it");
    }

    /**
     * Raw RESP PING over TCP, TLS or the socket: readiness must not depend on a client library's
     * own retries. NOAUTH is an answer too: a server with a password or ACL users is up, it just
     * wants AUTH.
     */
    static boolean answers(RedisEndpoint endpoint) {
        try (Socket s = endpoint.open(200, 500)) {
            s.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[64];
            int n = s.getInputStream().read(buf);
            String reply = n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : "";
            return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Path socket() {
        return dir.orElseThrow().resolve("redis.sock");
    }

    /** Deletes the temp directory (keys, socket file); best effort. */
    public void delete() {
        dir.ifPresent(ServerTransport::deleteQuietly);
    }

    public static void deleteQuietly(Path d) {
        try (Stream<Path> files = Files.walk(d)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover file in a temp directory harms no result
        }
    }
}
