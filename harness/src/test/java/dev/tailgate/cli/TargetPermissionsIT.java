package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.run.TargetSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * An ACL user that lacks what the selected benchmarks need is refused before anything runs:
 * one line naming the missing commands (with ACL categories), keys or channels, exit 3, no run
 * directory, and no probe key left behind.
 */
class TargetPermissionsIT {
    private static final String PW = "perm-pw";
    private static EmbeddedRedis redis;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        redis = TestRedis.start("stock");
        try (Jedis admin = admin()) {
            admin.aclSetUser("app", "on", ">" + PW, "~app:*", "&*", "+@all");
            admin.aclSetUser("nostream", "on", ">" + PW, "~tailgate:bench:*", "&*", "+@all", "-@stream");
            admin.aclSetUser("nochannel", "on", ">" + PW, "~tailgate:bench:*", "resetchannels", "+@all");
            admin.aclSetUser("noinfo", "on", ">" + PW, "~*", "&*", "+@all", "-info");
        }
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    private static Jedis admin() {
        return new Jedis(redis.target().host(), redis.target().port());
    }

    private static CliRun run(String user, String include, Path results) throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), PW);
        return CliRun.of("run", "--target", "redis://" + user + "@127.0.0.1:" + redis.target().port(),
                "--password-file", pw.toString(), "--include", include, "--results", results.toString(),
                "--forks", "1", "--warmup-iterations", "0", "--iterations", "1", "--time", "1s");
    }

    private static void assertRefused(CliRun r, Path results, String... mustSay) throws Exception {
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertTrue(r.err().contains("permission denied"), r.toString());
        assertFalse(r.err().contains("authentication failed"), r.toString());
        for (String s : mustSay) {
            assertTrue(r.err().contains(s), "expected <" + s + "> in " + r);
        }
        assertFalse(Files.exists(results) && Files.list(results).findAny().isPresent(), "no run directory");
        try (Jedis admin = admin()) {
            assertEquals(0, admin.dbSize(), "probe keys left: " + admin.keys("*"));
        }
    }

    @Test
    void userWithoutTheBenchmarkKeysIsRefusedNamingThePattern(@TempDir Path results) throws Exception {
        assertRefused(run("app", "JedisGet", results), results, "user app", "keys tailgate:bench:*",
                "ACL SETUSER app ~tailgate:bench:*");
    }

    @Test
    void missingCommandsAreNamedWithTheirCategoriesOnlyWhenASelectedBenchmarkNeedsThem(@TempDir Path results)
            throws Exception {
        assertRefused(run("nostream", "XaddTrim", results), results, "commands xadd", "xreadgroup", "@stream");
        assertRefused(run("nochannel", "PubSubOneWay", results), results, "channels tailgate:bench:*");
    }

    @Test
    void aRefusedInfoIsAPermissionProblemNotAPassword(@TempDir Path results) throws Exception {
        assertRefused(run("noinfo", "JedisGet", results), results, "may not run PING or INFO", "+info");
    }

    @Test
    void aUserWithWhatTheSelectedBenchmarksNeedPassesAndLeavesNothing() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw-ok"), PW);
        RedisTarget t = RedisTarget.parse("redis://nostream@127.0.0.1:" + redis.target().port());
        try (TargetSession s = TargetSession.external(t, Credentials.resolve(Optional.of(pw), Map.of()),
                List.of("dev.tailgate.bench.redis.JedisGetBenchmark.get", "dev.tailgate.bench.trading.PubSubOneWayLatencyBenchmark.oneWay",
                        "dev.tailgate.bench.trading.OrderBookUpdateBenchmark.update"))) {
            assertTrue(s.version().matches("\\d+\\..*"), s.version());
        }
        try (Jedis admin = admin()) {
            assertEquals(0, admin.dbSize(), "probe keys left: " + admin.keys("*"));
        }
    }
}
