package dev.tailgate.dataset;

import dev.tailgate.model.BadInputException;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisTarget;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Opens a checked Jedis connection for the dataset loader: RESP2 pinned (reply shapes do not
 * change with the client default), authenticated, database selected, and proven with a PING,
 * so an unreachable target or a wrong password is one line and exit 3 before any key is written.
 */
public final class DatasetRedis {
    private static final int TIMEOUT_MILLIS = 10_000;

    private DatasetRedis() {
    }

    public static Jedis connect(RedisTarget target, Credentials credentials) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .protocol(RedisProtocol.RESP2)
                .timeoutMillis(TIMEOUT_MILLIS)
                .database(target.db())
                .clientName("tailgate-dataset");
        target.user().ifPresent(b::user);
        credentials.secret().ifPresent(b::password);
        Jedis jedis = null;
        try {
            jedis = dev.tailgate.redis.RedisConnector.jedis(target, b.build());
            jedis.ping();
            return jedis;
        } catch (JedisConnectionException e) {
            closeQuietly(jedis);
            throw new BadInputException(dev.tailgate.redis.TransportErrors.unreachable(target, e, "cannot connect"), e);
        } catch (JedisDataException e) {
            closeQuietly(jedis);
            throw new BadInputException("--target " + target.url() + ": refused (" + firstLine(e.getMessage())
                    + "), check REDIS_PASSWORD / --password-file (" + credentials.source() + ")", e);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "no message" : s.lines().findFirst().orElse("");
    }

    private static void closeQuietly(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // the connection is already broken
            }
        }
    }
}
