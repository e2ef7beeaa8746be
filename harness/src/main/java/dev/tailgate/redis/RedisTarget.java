package dev.tailgate.redis;

import dev.tailgate.model.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the benchmarks send their commands. The password is never part of this record: it
 * is read from {@code REDIS_PASSWORD} or a password file by {@link Credentials} and handed to
 * forks through a private file, so that printing or serializing a target cannot leak it.
 *
 * @param host     host name or address
 * @param port     TCP port
 * @param user     ACL user, empty for the default user
 * @param db       logical database index
 * @param embedded true when tailgate started this Redis itself
 */
public record RedisTarget(String host, int port, Optional<String> user, int db, boolean embedded) {

    public RedisTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (db < 0) {
            throw new IllegalArgumentException("db must be >= 0: " + db);
        }
    }

    /**
     * Parses {@code redis://[user@]host:port[/db]}. A password in the URL is refused: it would
     * sit in argv, shell history and the manifest.
     */
    public static RedisTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new BadInputException("--target " + redact(url) + ": not a URL, expected redis://[user@]host:port[/db]");
        }
        if ("rediss".equals(uri.getScheme())) {
            throw new BadInputException("--target " + redact(url) + ": TLS (rediss://) is not supported yet, expected redis://");
        }
        if (!"redis".equals(uri.getScheme())) {
            throw new BadInputException("--target " + redact(url) + ": unknown scheme, expected redis://[user@]host:port[/db]");
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
            throw new BadInputException("--target " + redact(url) + ": " + why + ", expected redis://[user@]host:port[/db]");
        });
        if (host == null || host.isEmpty()) {
            throw new BadInputException("--target " + redact(url) + ": missing host, expected redis://[user@]host:port[/db]");
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
        return new RedisTarget(host, port, user, db, false);
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

    /** {@code redis://[user@]host:port/db}; never contains a password. */
    public String url() {
        return "redis://" + user.map(u -> u + "@").orElse("") + host + ":" + port + "/" + db;
    }

    @Override
    public String toString() {
        return url() + (embedded ? " (embedded)" : " (external)");
    }
}
