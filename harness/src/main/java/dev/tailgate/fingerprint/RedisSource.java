package dev.tailgate.fingerprint;

import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.RedisTarget;
import java.util.Objects;
import java.util.Optional;

/**
 * The Redis to fingerprint: where it is, how to log in, and its pid when tailgate started it
 * (for a loopback target the pid is also taken from INFO's {@code process_id}).
 */
public record RedisSource(RedisTarget target, Credentials credentials, Optional<Long> localPid) {
    public RedisSource {
        Objects.requireNonNull(target);
        Objects.requireNonNull(credentials);
        Objects.requireNonNull(localPid);
    }

    public static RedisSource of(EmbeddedRedis redis) {
        return new RedisSource(redis.target(), Credentials.none(), Optional.of(redis.pid()));
    }
}
