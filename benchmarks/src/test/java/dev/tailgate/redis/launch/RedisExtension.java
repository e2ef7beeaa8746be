package dev.tailgate.redis.launch;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@link RedisFixture} for a whole test class: one server started before its first test and
 * always closed after its last. Register it as
 * {@code @RegisterExtension static final RedisExtension REDIS = new RedisExtension("stock");}.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback {
    private final String profile;
    private final String[] extraConfig;
    private RedisServer server;

    /** A profile and extra config lines, as {@link RedisFixture#start(String, String...)} takes them. */
    public RedisExtension(String profile, String... extraConfig) {
        this.profile = profile;
        this.extraConfig = extraConfig.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisFixture.start(profile, extraConfig);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server; only between the class's first and last test. */
    public RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("no server: RedisExtension runs around a test class (static @RegisterExtension)");
        }
        return server;
    }
}
