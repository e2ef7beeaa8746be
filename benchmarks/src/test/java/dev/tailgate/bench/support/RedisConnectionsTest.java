package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * All three clients must reach the same place: authenticated as the configured ACL user, on
 * the configured database. The server refuses the default user, so a client that skipped
 * AUTH fails instead of silently measuring an unauthenticated path.
 */
class RedisConnectionsTest {
    private static final String PASSWORD = "b3nch-pw";
    private static RedisServer redis;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisFixture.start("stock", "user default off", "user bench on >" + PASSWORD + " ~* &* +@all");
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static BenchConfig config(String password) throws IOException {
        Path pw = Files.writeString(dir.resolve("pw-" + password.length()), password + "\n");
        return BenchConfig.of(Map.of(BenchConfig.PORT, Integer.toString(redis.port()), BenchConfig.USER, "bench",
                BenchConfig.PASSWORD_FILE, pw.toString(), BenchConfig.DB, "2", BenchConfig.PIN, "false"));
    }

    /** Which database {@code key} landed in, seen by an independent authenticated connection. */
    private static int databaseOf(String key) throws IOException {
        try (Jedis admin = RedisConnections.jedis(config(PASSWORD))) {
            for (int db = 0; db < 16; db++) {
                admin.select(db);
                if (admin.exists(key)) {
                    admin.del(key);
                    return db;
                }
            }
        }
        return -1;
    }

    @Test
    void rawJedisAndLettuceAuthenticateAndSelectTheDatabase() throws IOException {
        BenchConfig cfg = config(PASSWORD);
        try (RawRespConnection raw = RedisConnections.raw(cfg)) {
            assertEquals(new RespReply.Simple("OK"), raw.call(RespCommands.encode("SET", "conn:raw", "1")));
        }
        try (Jedis jedis = RedisConnections.jedis(cfg)) {
            jedis.set("conn:jedis", "1");
        }
        BenchId id = new BenchId("conn.test", Map.of());
        try (LettuceConnection lettuce = LettuceConnection.open(cfg, id)) {
            lettuce.connection().sync().set("conn:lettuce".getBytes(StandardCharsets.UTF_8), new byte[] {1});
        }
        assertEquals(2, databaseOf("conn:raw"));
        assertEquals(2, databaseOf("conn:jedis"));
        assertEquals(2, databaseOf("conn:lettuce"));
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() throws IOException {
        BenchConfig wrong = config("not-the-password");
        RuntimeException e = assertThrows(RuntimeException.class, () -> RedisConnections.raw(wrong).close());
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        assertFalse(all.toString().contains("not-the-password"), all.toString());
        assertThrows(RuntimeException.class, () -> RedisConnections.jedis(wrong).close());
    }
}
