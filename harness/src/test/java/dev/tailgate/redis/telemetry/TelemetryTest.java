package dev.tailgate.redis.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.Redaction;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.SupportStatus;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisBinary;
import dev.tailgate.redis.launch.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Telemetry against real redis-server processes: Redis 7 from PATH and the bundled 6.2. */
class TelemetryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Jedis client(RedisTarget t, String name) {
        return new Jedis(new HostAndPort(t.host(), t.port()), DefaultJedisClientConfig.builder().clientName(name).build());
    }

    @Test
    void knownWorkloadShowsUpInTheDiff(@TempDir Path runDir) throws Exception {
        try (EmbeddedRedis redis = TestRedis.start("stock");
             Jedis work = client(redis.target(), "workload")) {
            // Effectively off, so that only the commands below are logged.
            work.configSet("slowlog-log-slower-than", "10000000");
            work.configSet("slowlog-max-len", "1024");
            try (Telemetry t = Telemetry.connect(redis.target(), Credentials.none(), Duration.ofSeconds(5))) {
                TelemetrySnapshot before = t.beforeRun(runDir, T0);
                for (int i = 0; i < 1000; i++) {
                    work.set("tg:k" + i, "v");
                }
                // The CONFIG SET itself is logged (Redis checks the threshold after the command),
                // then 10 GETs: 11 entries from this client. The threshold stays at 0, so the
                // after-capture's own commands are logged too and must be left out.
                work.configSet("slowlog-log-slower-than", "0");
                for (int i = 0; i < 10; i++) {
                    work.get("tg:k" + i);
                }
                TelemetryDiff d = t.afterRun(runDir, T0.plusSeconds(2));

                assertEquals(TelemetryDiff.Validity.VALID, d.validity(), d.warnings().toString());
                assertTrue(d.counters().get(TelemetryCounter.COMMANDS_PROCESSED) >= 1011, d.counters().toString());
                CommandDelta set = command(d, "set");
                assertEquals(1000, set.calls());
                assertFalse(set.sharedWithTelemetry());
                assertEquals(10, command(d, "get").calls());
                assertEquals(11L, d.counters().get(TelemetryCounter.NEW_SLOWLOG_ENTRIES), d.newSlowlogEntries().toString());
                assertEquals(10, d.newSlowlogEntries().stream().filter(e -> e.command().equals("get")).count());
                assertTrue(d.newSlowlogEntries().stream().allMatch(e -> e.clientName().equals("workload")));
                TelemetrySnapshot after = TelemetryJson.readSnapshot(runDir.resolve(Telemetry.AFTER_FILE));
                assertTrue(after.slowlog().stream().anyMatch(e -> e.clientName().equals(Telemetry.CLIENT_NAME)),
                        "the filter was not exercised: no telemetry entries in the slowlog");
                assertEquals(10L, d.counters().get(TelemetryCounter.KEYSPACE_HITS), "10 GETs of existing keys");
                assertEquals(0L, d.counters().get(TelemetryCounter.KEYSPACE_MISSES));
                assertTrue(d.usedMemoryAfterBytes() > d.usedMemoryBeforeBytes());
                if (redis.binary().major() >= 7) {
                    // Redis 7: the window's histogram holds exactly the window's SETs; percentiles exist.
                    assertEquals(1000L, set.windowCumulativeCallsByMaxUsec().get(set.windowCumulativeCallsByMaxUsec().lastKey()));
                    assertTrue(set.windowQuantileUpperBoundUsec(0.99) >= 1);
                    assertEquals(SupportStatus.SUPPORTED, d.latencyPercentiles());
                    assertTrue(d.latencyPercentilesUsecCumulative().containsKey("set"));
                } else {
                    // Older servers (the bundled 6.2) have neither: said, not faked (see redis62DegradesCleanly).
                    assertTrue(set.windowCumulativeCallsByMaxUsec().isEmpty());
                    assertEquals(SupportStatus.UNSUPPORTED_BY_SERVER, d.latencyPercentiles());
                }
                // Files written and read back unchanged.
                assertEquals(before, TelemetryJson.readSnapshot(runDir.resolve(Telemetry.BEFORE_FILE)));
                assertEquals(d, TelemetryJson.readDiff(runDir.resolve(Telemetry.DIFF_FILE)));
                assertEquals(d, TelemetryDiff.between(before, after));
            }
        }
    }

    @Test
    void redis62DegradesCleanly() throws Exception {
        RedisBinary bundled = RedisBinary.resolve(Optional.empty(), "");
        try (EmbeddedRedis redis = TestRedis.start("stock", bundled);
             Telemetry t = Telemetry.connect(redis.target(), Credentials.none(), Duration.ofSeconds(5));
             Jedis work = client(redis.target(), "workload")) {
            TelemetrySnapshot before = t.capture(T0);
            for (int i = 0; i < 100; i++) {
                work.set("tg:k" + i, "v");
            }
            TelemetrySnapshot after = t.capture(T0.plusSeconds(1));
            assertTrue(after.redisVersion().startsWith("6."), after.redisVersion());
            assertEquals(SupportStatus.UNSUPPORTED_BY_SERVER, after.latencyStats());
            assertEquals(SupportStatus.UNSUPPORTED_BY_SERVER, after.latencyHistogram());
            assertTrue(after.notes().stream().anyMatch(n -> n.contains("unsupported by this server")), after.notes().toString());
            for (String section : List.of("server", "clients", "memory", "stats", "replication", "cpu", "commandstats")) {
                assertFalse(after.info().getOrDefault(section, java.util.Map.of()).isEmpty(), section);
            }
            assertTrue(after.config().containsKey("maxmemory-policy"));
            TelemetryDiff d = TelemetryDiff.between(before, after);
            assertEquals(TelemetryDiff.Validity.VALID, d.validity());
            assertEquals(100, command(d, "set").calls());
            assertTrue(command(d, "set").windowCumulativeCallsByMaxUsec().isEmpty());
            assertEquals(SupportStatus.UNSUPPORTED_BY_SERVER, d.latencyPercentiles());
            for (TelemetryCounter c : TelemetryCounter.values()) {
                assertTrue(d.counters().containsKey(c), c + " missing on 6.2");
            }
        }
    }

    @Test
    void blockedConfigDegradesToANote(@TempDir Path dir) throws Exception {
        // As managed services do: CONFIG renamed away (start-up only, hence a profile file).
        Path conf = dir.resolve("noconfig.conf");
        Files.writeString(conf, "rename-command CONFIG \"\"\n");
        RedisBinary bin = RedisBinary.resolve(Optional.empty(), System.getenv("PATH"));
        try (EmbeddedRedis redis = EmbeddedRedis.start(new RedisServer.Options(bin,
                ConfigProfile.load(conf.toString(), TestRedis.home()), 0, Optional.empty(), dir.resolve("work"),
                Duration.ofSeconds(20)));
             Telemetry t = Telemetry.connect(redis.target(), Credentials.none(), Duration.ofSeconds(5))) {
            TelemetrySnapshot s = t.capture(T0);
            assertTrue(s.config().isEmpty());
            assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("CONFIG GET *: refused")), s.notes().toString());
            TelemetryDiff d = TelemetryDiff.between(s, t.capture(T0.plusSeconds(1)));
            assertEquals(TelemetryDiff.Validity.VALID, d.validity());
            assertTrue(d.counters().containsKey(TelemetryCounter.NEW_SLOWLOG_ENTRIES));
        }
    }

    @Test
    void secretsNeverReachTheFiles(@TempDir Path runDir) throws Exception {
        String pw = "tg-Secret-" + Long.toHexString(System.nanoTime());
        Path pwFile = runDir.resolve("pw.secret");
        Files.writeString(pwFile, pw + "\n");
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            try (Jedis admin = client(redis.target(), "admin")) {
                admin.configSet("slowlog-log-slower-than", "0");
                admin.configSet("masterauth", pw);
                admin.configSet("requirepass", pw);
            }
            Credentials creds = Credentials.resolve(Optional.of(pwFile), java.util.Map.of());
            Path out = runDir.resolve("out");
            try (Telemetry t = Telemetry.connect(redis.target(), creds, Duration.ofSeconds(5))) {
                t.beforeRun(out, T0);
                try (Jedis work = client(redis.target(), "workload")) {
                    work.auth(pw);
                    work.set("tg:pw", pw); // a value that is the password: logged by the slowlog at 0
                }
                TelemetryDiff d = t.afterRun(out, T0.plusSeconds(1));
                TelemetrySnapshot after = TelemetryJson.readSnapshot(out.resolve(Telemetry.AFTER_FILE));
                assertEquals(Redaction.MASK, after.config().get("requirepass"));
                assertEquals(Redaction.MASK, after.config().get("masterauth"));
                assertTrue(d.newSlowlogEntries().stream().anyMatch(e -> e.command().equals("set") && e.args().get(2).equals(Redaction.MASK)),
                        d.newSlowlogEntries().toString());
            }
            try (var files = Files.list(out)) {
                for (Path f : files.toList()) {
                    assertFalse(Files.readString(f).contains(pw), f + " contains the password");
                }
            }
        }
    }

    static CommandDelta command(TelemetryDiff d, String name) {
        return d.commands().stream().filter(c -> c.command().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + d.commands()));
    }
}
