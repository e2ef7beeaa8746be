package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tailgate.redis.launch.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lettuce must authenticate the way the target asks: AUTH password against a requirepass
 * server (no user in the URL), AUTH user password against an ACL user. A server that refuses
 * unauthenticated clients proves the command really went through an authenticated connection.
 */
class LettuceAuthTest {
    private static final String DEFAULT_PW = "req-pw";
    private static final String ACL_PW = "acl-pw";

    /** A requirepass server with one ACL user, started as the product starts it. */
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension("stock", "requirepass " + DEFAULT_PW,
            "user bench on >" + ACL_PW + " ~* +@all");

    @TempDir
    static Path dir;

    private static BenchConfig config(String user, String password) throws Exception {
        Path pw = Files.writeString(Files.createTempFile(dir, "pw", ".txt"), password);
        Map<String, String> p = new HashMap<>(Map.of(BenchConfig.PORT, Integer.toString(REDIS.server().port()),
                BenchConfig.PASSWORD_FILE, pw.toString(), BenchConfig.PIN, "false"));
        if (user != null) {
            p.put(BenchConfig.USER, user);
        }
        return BenchConfig.of(p);
    }

    private static String whoAmI(BenchConfig cfg) {
        try (LettuceConnection c = LettuceConnection.open(cfg, new BenchId("auth.test", Map.of()))) {
            c.connection().sync().set("auth:lettuce".getBytes(StandardCharsets.UTF_8), new byte[] {1});
            return c.connection().sync().aclWhoami();
        }
    }

    @Test
    void passwordOnlyTargetGetsAuthWithThePassword() throws Exception {
        assertEquals("default", whoAmI(config(null, DEFAULT_PW)));
    }

    @Test
    void aclUserGetsAuthWithUserAndPassword() throws Exception {
        assertEquals("bench", whoAmI(config("bench", ACL_PW)));
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        BenchConfig wrong = config(null, "not-" + DEFAULT_PW);
        assertThrows(RuntimeException.class, () -> whoAmI(wrong));
    }
}
