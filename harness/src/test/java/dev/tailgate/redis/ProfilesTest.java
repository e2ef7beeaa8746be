package dev.tailgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.launch.ConfigProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The bundled profiles: every directive explained, every key known, startable on Redis 7. */
class ProfilesTest {

    @Test
    void everyDirectiveHasACommentRightAboveIt() {
        for (String name : List.of("stock", "low-latency")) {
            ConfigProfile p = ConfigProfile.load(name, TestRedis.home());
            String[] lines = p.text().split("\n", -1);
            for (ConfigProfile.Directive d : p.directives()) {
                String above = lines[d.line() - 2].strip();
                assertTrue(above.startsWith("#"), name + ".conf line " + d.line() + " (" + d.key() + ") has no comment above it");
            }
        }
    }

    @Test
    void bothProfilesStartCleanlyOnRedis7AndPlanWithoutUnknownKeys() throws Exception {
        for (String name : List.of("stock", "low-latency")) {
            try (EmbeddedRedis r = TestRedis.start(name)) {
                assertEquals(List.of(), r.skippedDirectives(), name + " on " + r.binary().version());
                Map<String, String> config;
                try (Jedis j = new Jedis(r.target().host(), r.target().port())) {
                    config = j.configGet("*");
                }
                for (RedisConfigManager.KeyPlan k : RedisConfigManager.plan(r.profile(), config)) {
                    assertTrue(k.settable() != RedisConfigManager.Settable.UNSUPPORTED, k.toString());
                    assertTrue(!k.changes(), name + ": a server started with the profile already has " + k);
                }
            }
        }
    }
}
