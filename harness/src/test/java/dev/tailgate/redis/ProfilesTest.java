package dev.tailgate.redis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.launch.ConfigProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Keys Redis 7 added: an older server (the bundled 6.2) skips them at start-up and cannot set them. */
    private static final Set<String> REDIS_7_ONLY = Set.of("latency-tracking", "latency-tracking-info-percentiles");

    /** Redis 7 knows every key; an older server may lack only the keys Redis 7 added. */
    private static boolean mayLack(EmbeddedRedis r, String key) {
        return r.binary().major() < 7 && REDIS_7_ONLY.contains(key);
    }

    @Test
    void bothProfilesStartCleanlyOnRedis7AndPlanWithoutUnknownKeys() throws Exception {
        for (String name : List.of("stock", "low-latency")) {
            try (EmbeddedRedis r = TestRedis.start(name)) {
                for (String skipped : r.skippedDirectives()) {
                    assertTrue(mayLack(r, skipped.substring(0, skipped.indexOf(':'))),
                            name + " on " + r.binary().version() + ": " + skipped);
                }
                Map<String, String> config;
                try (Jedis j = new Jedis(r.target().host(), r.target().port())) {
                    config = j.configGet("*");
                }
                for (RedisConfigManager.KeyPlan k : RedisConfigManager.plan(r.profile(), config)) {
                    if (k.settable() == RedisConfigManager.Settable.UNSUPPORTED) {
                        assertTrue(mayLack(r, k.key()), k.toString());
                    } else {
                        assertTrue(!k.changes(), name + ": a server started with the profile already has " + k);
                    }
                }
            }
        }
    }
}
