package dev.tailgate.redis;

import dev.tailgate.bench.cluster.ClusterSeeds;
import dev.tailgate.bench.support.TlsSettings;
import dev.tailgate.model.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;

/**
 * {@code redis-cluster://[user@]host:port[,host:port...]}: a Redis Cluster given by seed nodes
 * (any master or replica; the clients discover the rest), over TCP; {@code rediss-cluster://}
 * the same over TLS, every node (seed or discovered) with the one set of {@code --tls-*}
 * settings, as {@code rediss://} is to {@code redis://}. Database 0, the only one a cluster
 * has; the password comes from REDIS_PASSWORD or --password-file as for one server, never the
 * URL. Pure parsing: nothing is contacted here.
 */
final class ClusterTargets {
    static final String SCHEME = "redis-cluster";
    static final String TLS_SCHEME = "rediss-cluster";

    private ClusterTargets() {
    }

    /** {@code url} of either scheme; {@code tls} present for {@code rediss-cluster://}. */
    static RedisTarget parse(String url, Optional<TlsSettings> tls) {
        String rest = url.substring(url.indexOf("://") + "://".length());
        Optional<String> user = Optional.empty();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            if (userInfo.contains(":")) {
                throw bad(url, "a password in the URL is refused, use REDIS_PASSWORD or --password-file");
            }
            user = userInfo.isEmpty() ? Optional.empty() : Optional.of(userInfo);
            rest = rest.substring(at + 1);
        }
        if (rest.endsWith("/0") || rest.endsWith("/")) {
            rest = rest.substring(0, rest.lastIndexOf('/'));
        }
        if (rest.contains("/") || rest.contains("?")) {
            throw bad(url, "a cluster has database 0 only and takes no path or query, expected " + RedisTarget.FORMS);
        }
        List<String> seeds = new ArrayList<>();
        HostAndPort first = null;
        for (String part : rest.split(",", -1)) {
            String seed = part.strip();
            Optional<HostAndPort> node = ClusterSeeds.node(seed);
            if (node.isEmpty()) {
                throw bad(url, "seed \"" + seed + "\" is not host:port (port 1..65535), expected " + RedisTarget.FORMS);
            }
            first = first == null ? node.get() : first;
            seeds.add(seed);
        }
        return new RedisTarget(first.getHost(), first.getPort(), user, 0, false, Optional.empty(), tls, seeds);
    }

    private static BadInputException bad(String url, String why) {
        return new BadInputException("--target " + RedisTarget.redact(url) + ": " + why);
    }
}
