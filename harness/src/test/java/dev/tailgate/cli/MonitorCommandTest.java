package dev.tailgate.cli;

import dev.tailgate.redis.Redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.redis.telemetry.TelemetryJson;
import dev.tailgate.redis.telemetry.TelemetrySnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.Jedis;

/** {@code tailgate monitor} end to end against one real redis-server with a password. */
class MonitorCommandTest {
    private static final String PASSWORD = "tg-Monitor-" + Long.toHexString(System.nanoTime());
    private static final String LIMITED_PASSWORD = "tg-Limited-" + Long.toHexString(System.nanoTime());
    private static EmbeddedRedis redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        redis = TestRedis.start("stock");
        try (Jedis admin = new Jedis(redis.target().host(), redis.target().port())) {
            admin.configSet("slowlog-log-slower-than", "0");
            admin.configSet("requirepass", PASSWORD);
            admin.auth(PASSWORD);
            // May do everything except read the configuration.
            admin.aclSetUser("limited", "on", ">" + LIMITED_PASSWORD, "~*", "+@all", "-config");
        }
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TailgateCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        MonitorCommand m = cl.getSubcommands().get("monitor").getCommand();
        m.target.password.env = env;
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private String url() {
        return "redis://127.0.0.1:" + redis.target().port();
    }

    private Path passwordFile(String pw) throws Exception {
        Path f = dir.resolve("pw-" + System.nanoTime());
        Files.writeString(f, pw + "\n");
        return f;
    }

    @Test
    void oneSnapshotPrintsSummaryAndWritesJson() throws Exception {
        Path out = dir.resolve("snap.json");
        Result r = run(Map.of("REDIS_PASSWORD", PASSWORD), "monitor", "--target", url(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("redis " + redis.binary().version()), r.out());
        assertTrue(r.out().contains("slowlog"), r.out());
        TelemetrySnapshot s = TelemetryJson.readSnapshot(out);
        assertEquals(Redaction.MASK, s.config().get("requirepass"));
        assertFalse(r.all().contains(PASSWORD));
        assertFalse(Files.readString(out).contains(PASSWORD));
    }

    @Test
    void intervalPrintsOneLinePerIntervalAndJsonLines() throws Exception {
        Path out = dir.resolve("diffs.jsonl");
        Result r = run(Map.of(), "monitor", "--target", url(), "--password-file", passwordFile(PASSWORD).toString(),
                "--interval", "100ms", "--count", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).contains("ops/s") && lines.get(0).contains("slowlog+"), lines.get(0));
        for (String l : lines.subList(1, 4)) {
            // time, ops/s, usec/call, slowlog+, evicted, rejected, expired: every counter computed
            String[] f = l.trim().split("\\s+");
            assertEquals(7, f.length, l);
            assertTrue(Double.parseDouble(f[1]) > 0, l);
            for (int i = 3; i < 7; i++) {
                assertTrue(Long.parseLong(f[i]) >= 0, l);
            }
        }
        List<String> json = Files.readAllLines(out);
        assertEquals(3, json.size());
        assertTrue(json.stream().allMatch(j -> j.contains("\"validity\":\"VALID\"")), json.get(0));
        assertFalse(r.all().contains(PASSWORD));
        assertFalse(Files.readString(out).contains(PASSWORD));
    }

    @Test
    void interruptStopsTheLoopWithEveryLineKept() throws Exception {
        Path out = dir.resolve("diffs.jsonl");
        StringWriter sw = new StringWriter();
        CommandLine cl = TailgateCommand.commandLine(new PrintWriter(sw, true), new PrintWriter(new StringWriter(), true));
        MonitorCommand m = cl.getSubcommands().get("monitor").getCommand();
        m.target.password.env = Map.of("REDIS_PASSWORD", PASSWORD);
        int[] code = {-1};
        Thread t = new Thread(() -> code[0] = cl.execute("monitor", "--target", url(), "--interval", "50ms",
                "--out", out.toString()));
        t.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sw.toString().lines().count() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling a condition with a deadline, not synchronizing on time
        }
        t.interrupt(); // what the shutdown hook does on Ctrl-C
        t.join(5000);
        assertFalse(t.isAlive(), "monitor did not stop on interrupt");
        assertEquals(0, code[0]);
        long printed = sw.toString().lines().count() - 1;
        assertTrue(printed >= 2, sw.toString());
        assertEquals(printed, Files.readAllLines(out).size(), "every printed interval is in --out");
    }

    @Test
    void wrongPasswordIsOneLineExit3() throws Exception {
        Result r = run(Map.of(), "monitor", "--target", url(), "--password-file", passwordFile("not-it").toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: --target " + url() + "/0: authentication failed"), r.err());
        assertTrue(r.err().contains("WRONGPASS"), r.err());
        assertFalse(r.all().contains("not-it"));
        assertEquals("", r.out());
    }

    @Test
    void missingPasswordIsOneLineExit3() {
        Result r = run(Map.of(), "monitor", "--target", url());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("requires a password") && r.err().contains("REDIS_PASSWORD"), r.err());
    }

    @Test
    void userWithoutConfigPermissionIsOneLineExit3() throws Exception {
        Result r = run(Map.of("REDIS_PASSWORD", LIMITED_PASSWORD), "monitor", "--target",
                "redis://limited@127.0.0.1:" + redis.target().port());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("CONFIG GET * not permitted for user limited") && r.err().contains("NOPERM"), r.err());
        assertFalse(r.all().contains(LIMITED_PASSWORD));
    }

    @Test
    void unreachableTargetIsOneLineExit3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Result r = run(Map.of(), "monitor", "--target", "redis://127.0.0.1:" + port, "--timeout", "2s");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("cannot connect"), r.err());
    }

    @Test
    void countWithoutIntervalIsUsage() {
        Result r = run(Map.of(), "monitor", "--target", url(), "--count", "3");
        assertEquals(ExitCode.USAGE, r.code(), r.all());
    }
}
