package dev.tailgate.redis;

import dev.tailgate.model.BadInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Opens the control connection tailgate uses for INFO and CONFIG (not the benchmark's own
 * connections). Failures become one bad-input line that names the target and never the password.
 */
public final class RedisConnector {
    private static final int TIMEOUT_MILLIS = 5_000;

    private RedisConnector() {
    }

    public static Jedis open(RedisTarget target, Credentials credentials) {
        DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS)
                .database(target.db()).clientName("tailgate-control");
        target.user().ifPresent(cfg::user);
        credentials.secret().ifPresent(cfg::password);
        Jedis j = null;
        try {
            j = jedis(target, cfg.build());
            j.ping();
            return j;
        } catch (JedisAccessControlException e) {
            closeQuietly(j);
            if (String.valueOf(e.getMessage()).startsWith("NOPERM")) {
                throw new BadInputException("--target " + target.url() + ": permission denied: user "
                        + target.user().orElse("default") + " may not run PING ("
                        + safe(e.getMessage(), credentials).lines().findFirst().orElse("NOPERM") + ")");
            }
            throw new BadInputException("--target " + target.url() + ": authentication failed for user "
                    + target.user().orElse("default") + " (password from " + credentials.source() + ")");
        } catch (JedisConnectionException e) {
            closeQuietly(j);
            throw new BadInputException(TransportErrors.unreachable(target, e, "cannot connect"));
        } catch (JedisDataException e) {
            closeQuietly(j);
            throw new BadInputException("--target " + target.url() + ": " + safe(e.getMessage(), credentials));
        }
    }

    /**
     * A Jedis connection over the target's transport (TCP, TLS or Unix socket), with the
     * config's timeouts; not connected until first used.
     */
    public static Jedis jedis(RedisTarget target, JedisClientConfig cfg) {
        return new Jedis(target.endpoint().jedisSockets(cfg.getConnectionTimeoutMillis(), cfg.getSocketTimeoutMillis()), cfg);
    }

    /** {@code INFO section} parsed to {@code field -> value}, in server order. */
    public static Map<String, String> info(Jedis j, String section) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : j.info(section).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    /** Major version from {@code redis_version} ("7.0.15" -> 7); 0 when unparseable. */
    public static int majorVersion(String version) {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** A server error message with the password (should a server ever echo it) masked. */
    public static String safe(String message, Credentials credentials) {
        String m = message == null ? "" : message;
        Optional<String> pw = credentials.secret();
        return pw.filter(p -> !p.isEmpty()).map(p -> m.replace(p, "<redacted>")).orElse(m);
    }

    private static void closeQuietly(Jedis j) {
        if (j != null) {
            j.close();
        }
    }
}
