package dev.tailgate.redis.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** The launcher as the shared fixture uses it: extra config, a scratch directory, nothing left behind. */
class RedisServerTest {

    @Test
    void passwordServerIsReadyStopsAndLeavesNoScratchDirectory() throws Exception {
        Path work;
        long pid;
        try (RedisServer redis = RedisFixture.start("stock", "requirepass fixture-pw")) {
            work = redis.configFile().getParent();
            pid = redis.pid();
            assertTrue(Files.isDirectory(work), work.toString());
            try (Jedis j = new Jedis(redis.host(), redis.port())) {
                JedisDataException noAuth = assertThrows(JedisDataException.class, j::ping);
                assertTrue(noAuth.getMessage().startsWith("NOAUTH"), noAuth.getMessage());
                j.auth("fixture-pw");
                assertEquals("PONG", j.ping());
                assertEquals("", j.configGet("save").get("save"), "no persistence");
                assertEquals("no", j.configGet("appendonly").get("appendonly"));
            }
        }
        assertTrue(RedisFixture.awaitGone(pid, Duration.ofSeconds(10)), "redis-server " + pid + " survived close()");
        assertFalse(Files.exists(work), work + " left behind");
    }

    @Test
    void extraConfigMayNotOverrideWhatTheLauncherForces() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisFixture.options("stock", RedisFixture.binary(), "save 60 1"));
        assertTrue(e.getMessage().contains("\"save\""), e.getMessage());
    }
}
