package dev.tailgate.redis;

import dev.tailgate.bench.support.RedisEndpoint;
import dev.tailgate.bench.support.TlsSettings;
import dev.tailgate.model.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the benchmarks send their commands. The password is never part of this record: it
 * is read from {@code REDIS_PASSWORD} or a password file by {@link Credentials} and handed to
 * forks through a private file, so that printing or serializing a target cannot leak it.
 *
 * <p>Three transports ({@link #endpoint()}): TCP ({@code redis://}), TLS ({@code rediss://}, with
 * the CA, client certificate and server name as file paths and a name, never their contents)
 * and a Unix socket ({@code unix:///path}, where host and port are not used: "localhost", 0).
 * A Redis Cluster ({@code redis-cluster://host:port[,host:port...]}, TCP, or
 * {@code rediss-cluster://...}, TLS to every node with the same settings; database 0) is given
 * by its seed nodes; host and port are the first seed's, where one-server checks connect.
 *
 * @param host     host name or address
 * @param port     TCP port (0 for a Unix socket)
 * @param user     ACL user, empty for the default user
 * @param db       logical database index
 * @param embedded true when tailgate started this Redis itself
 * @param socket   the Unix socket file, for {@code unix://}
 * @param tls      the TLS settings, for {@code rediss://} and {@code rediss-cluster://}
 * @param cluster  a cluster's seed nodes as {@code host:port}; empty for one server
 */
public record RedisTarget(String host, int port, Optional<String> user, int db, boolean embedded,
                          Optional<Path> socket, Optional<TlsSettings> tls, List<String> cluster) {

    public RedisTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(tls, "tls");
        if (socket.isPresent() && tls.isPresent()) {
            throw new IllegalArgumentException("a Unix socket target has no TLS");
        }
        if ((port < 1 && socket.isEmpty()) || port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (db < 0) {
            throw new IllegalArgumentException("db must be >= 0: " + db);
        }
        cluster = List.copyOf(cluster);
        if (!cluster.isEmpty() && (socket.isPresent() || db != 0)) {
            throw new IllegalArgumentException("a cluster target is TCP or TLS on database 0");
        }
    }

    /** One server over TCP, TLS or a Unix socket. */
    public RedisTarget(String host, int port, Optional<String> user, int db, boolean embedded,
                       Optional<Path> socket, Optional<TlsSettings> tls) {
        this(host, port, user, db, embedded, socket, tls, List.of());
    }

    /** A plain TCP target. */
    public RedisTarget(String host, int port, Optional<String> user, int db, boolean embedded) {
        this(host, port, user, db, embedded, Optional.empty(), Optional.empty());
    }

    /** Parses a {@code redis://} or {@code unix://} URL; {@code rediss://} with default TLS settings. */
    public static RedisTarget parse(String url) {
        return parse(url, TlsSettings.defaults());
    }

    /**
     * Parses {@code redis://[user@]host:port[/db]}, {@code rediss://[user@]host:port[/db]} (TLS
     * with {@code tls}), {@code unix:///path/redis.sock[?db=N]}, or a cluster's seeds
     * ({@code redis-cluster://}, {@code rediss-cluster://} with {@code tls}). A password in the
     * URL is refused: it would sit in argv, shell history and the manifest.
     */
    public static RedisTarget parse(String url, TlsSettings tls) {
        if (url.startsWith(ClusterTargets.SCHEME + "://")) {
            return ClusterTargets.parse(url, Optional.empty());
        }
        if (url.startsWith(ClusterTargets.TLS_SCHEME + "://")) {
            return ClusterTargets.parse(url, Optional.of(tls));
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new BadInputException("--target " + redact(url) + ": not a URL, expected " + FORMS);
        }
        if ("unix".equals(uri.getScheme())) {
            return unix(url, uri);
        }

        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new BadInputException("--target " + redact(url) + ": unknown scheme, expected " + FORMS);
        }
        String userInfo = uri.getRawUserInfo();
        Optional<String> user = Optional.empty();
        if (userInfo != null) {
            if (userInfo.contains(":")) {
                throw new BadInputException("--target " + redact(url)
                        + ": a password in the URL is refused, use REDIS_PASSWORD or --password-file");
            }
            if (!userInfo.isEmpty()) {
                user = Optional.of(userInfo);
            }
        }
        String host = uri.getHost();
        badPort(uri).ifPresent(why -> {
            throw new BadInputException("--target " + redact(url) + ": " + why + ", expected " + FORMS);
        });
        if (host == null || host.isEmpty()) {
            throw new BadInputException("--target " + redact(url) + ": missing host, expected " + FORMS);
        }
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        int db = 0;
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !"/".equals(path)) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new BadInputException("--target " + redact(url) + ": database \"" + path.substring(1)
                        + "\" is not a number, expected redis://host:port/0");
            }
            if (db < 0) {
                throw new BadInputException("--target " + redact(url) + ": database " + db
                        + " is negative, expected redis://host:port/0");
            }
        }
        return new RedisTarget(host, port, user, db, false, Optional.empty(),
                "rediss".equals(uri.getScheme()) ? Optional.of(tls) : Optional.empty());
    }

    static final String FORMS = "redis://[user@]host:port[/db], rediss://[user@]host:port[/db], unix:///path/redis.sock[?db=N]"
            + " or redis(s)-cluster://[user@]host:port[,host:port...]";

    private static RedisTarget unix(String url, URI uri) {
        String path = uri.getPath();
        if (uri.getRawAuthority() != null || path == null || !path.startsWith("/") || path.length() < 2) {
            throw new BadInputException("--target " + redact(url) + ": expected unix:///absolute/path/redis.sock[?db=N]"
                    + " (the user goes in --user)");
        }
        int db = 0;
        String q = uri.getQuery();
        if (q != null) {
            if (!q.matches("db=\\d{1,9}")) {
                throw new BadInputException("--target " + redact(url) + ": query \"" + q + "\" is not db=N, expected "
                        + "unix:///path/redis.sock?db=0");
            }
            db = Integer.parseInt(q.substring(3));
        }
        return new RedisTarget("localhost", 0, Optional.empty(), db, false, Optional.of(Path.of(path)), Optional.empty());
    }

    /** This target with the ACL user {@code u}. */
    public RedisTarget withUser(Optional<String> u) {
        return new RedisTarget(host, port, u, db, embedded, socket, tls, cluster);
    }

    /** This target over TLS with {@code t} (a {@code rediss://} or {@code rediss-cluster://} target's settings). */
    public RedisTarget withTls(TlsSettings t) {
        return new RedisTarget(host, port, user, db, embedded, socket, Optional.of(t), cluster);
    }

    /**
     * One node of a cluster (a seed or a discovered master) as a one-server target with this
     * user and this transport: over TLS the node is checked with the cluster's settings (its own
     * host is the name checked unless {@code --tls-server-name} gives one).
     */
    public RedisTarget node(String hostPort) {
        redis.clients.jedis.HostAndPort n = dev.tailgate.bench.cluster.ClusterSeeds.node(hostPort)
                .orElseThrow(() -> new IllegalArgumentException("not host:port: " + hostPort));
        return new RedisTarget(n.getHost(), n.getPort(), user, 0, embedded, Optional.empty(), tls);
    }

    /** True for a Redis Cluster target (given by its seeds). */
    public boolean isCluster() {
        return !cluster.isEmpty();
    }

    /** Where clients connect: TCP, TLS or the Unix socket. */
    public RedisEndpoint endpoint() {
        return new RedisEndpoint(host, port, socket, tls);
    }

    public RedisEndpoint.Transport transport() {
        return endpoint().transport();
    }

    /**
     * The {@code -D} options that tell a benchmark JVM where this target is, under {@code prefix}
     * ({@code tailgate.redis.} for arm A, arm B's own prefix in an alternated fork): host, port,
     * db, user, and the socket or the TLS file paths. No password and no file contents.
     */
    public List<String> forkProperties(String prefix) {
        List<String> a = new ArrayList<>();
        a.add("-D" + prefix + "host=" + host);
        a.add("-D" + prefix + "port=" + port);
        a.add("-D" + prefix + "db=" + db);
        user.ifPresent(u -> a.add("-D" + prefix + "user=" + u));
        if (isCluster()) {
            a.add("-D" + prefix + "cluster=" + String.join(",", cluster));
        }
        socket.ifPresent(p -> a.add("-D" + prefix + "socket=" + p.toAbsolutePath()));
        tls.ifPresent(t -> {
            a.add("-D" + prefix + "tls=true");
            t.ca().ifPresent(p -> a.add("-D" + prefix + "tls.ca=" + p.toAbsolutePath()));
            t.cert().ifPresent(p -> a.add("-D" + prefix + "tls.cert=" + p.toAbsolutePath()));
            t.key().ifPresent(p -> a.add("-D" + prefix + "tls.key=" + p.toAbsolutePath()));
            t.serverName().ifPresent(n -> a.add("-D" + prefix + "tls.serverName=" + n));
            if (t.insecure()) {
                a.add("-D" + prefix + "tls.insecure=true");
            }
        });
        return a;
    }

    /**
     * What is wrong with the port, if anything. java.net.URI gives no host at all for
     * "host:notaport" (it falls back to a registry authority), which would read as a missing host.
     */
    private static Optional<String> badPort(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return Optional.empty();
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.lastIndexOf(']') > colon) {
            return Optional.empty();
        }
        String port = hostPort.substring(colon + 1);
        if (!port.matches("\\d{1,9}")) {
            return Optional.of("port \"" + port + "\" is not a number");
        }
        int p = Integer.parseInt(port);
        return p < 1 || p > 65535 ? Optional.of("port " + p + " is out of range 1..65535") : Optional.empty();
    }

    /** A URL as the user gave it, with anything after a colon in the user info masked. */
    public static String redact(String url) {
        return url.replaceAll("(://[^:/@]*):[^@]*@", "$1:***@");
    }

    /**
     * {@code redis://[user@]host:port/db}, {@code rediss://...}, {@code unix:///path[?db=N]} or
     * {@code redis(s)-cluster://[user@]seeds}; never a password.
     */
    public String url() {
        if (isCluster()) {
            return (tls.isPresent() ? ClusterTargets.TLS_SCHEME : ClusterTargets.SCHEME) + "://" + user.map(u -> u + "@").orElse("") + String.join(",", cluster);
        }
        if (socket.isPresent()) {
            return "unix://" + socket.get() + (db == 0 ? "" : "?db=" + db);
        }
        return (tls.isPresent() ? "rediss://" : "redis://") + user.map(u -> u + "@").orElse("") + host + ":" + port + "/" + db;
    }

    @Override
    public String toString() {
        return url() + (embedded ? " (embedded)" : " (external)");
    }
}
