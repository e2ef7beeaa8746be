package dev.tailgate.redis.launch;

/**
 * The Redis to launch cannot be: a missing or unusable binary, an unknown profile, a busy port,
 * a server that refuses its configuration. Like the harness's bad-input error, the message is the
 * one line shown to the user, naming what and where; the CLI maps it to exit code 3. It lives
 * here, not in the harness, because the launcher must be usable from the benchmarks module.
 */
public class RedisLaunchException extends RuntimeException {
    public RedisLaunchException(String message) {
        super(message);
    }
}
