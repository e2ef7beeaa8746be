package dev.tailgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.fingerprint.HostCpus;
import dev.tailgate.model.CorePlan;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisBinary;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisLaunchException;
import dev.tailgate.redis.launch.RedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class EmbeddedRedisTest {

    @Test
    void startsAnswersAndLeavesNoProcess() throws Exception {
        long pid;
        try (EmbeddedRedis redis = TestRedis.start("low-latency")) {
            pid = redis.pid();
            assertTrue(redis.isAlive());
            try (Jedis j = new Jedis(redis.target().host(), redis.target().port())) {
                assertEquals("PONG", j.ping());
                // profile applied, persistence forced off
                assertEquals("100", j.configGet("hz").get("hz"));
                assertEquals("", j.configGet("save").get("save"));
                assertEquals("no", j.configGet("appendonly").get("appendonly"));
            }
        }
        assertTrue(TestRedis.awaitGone(pid, Duration.ofSeconds(10)), "redis-server " + pid + " survived close()");
    }

    @Test
    void pinsServerWithServerCpulist() throws Exception {
        int cpu = HostCpus.plan(true).serverCpu().orElse(0);
        try (EmbeddedRedis redis = EmbeddedRedis.start(RedisFixture.options("stock", RedisFixture.binary())
                .withServerCpus(String.valueOf(cpu)))) {
            assertEquals(Optional.of(List.of(cpu)), HostCpus.affinityOf(redis.pid()));
        }
    }

    @Test
    void bundledBinaryIsUsedWhenPathHasNone() throws Exception {
        RedisBinary bin = RedisBinary.resolve(Optional.empty(), "");
        assertEquals("bundled", bin.source());
        assertTrue(bin.version().startsWith("6."), bin.version());
        long pid;
        try (EmbeddedRedis redis = TestRedis.start("low-latency", bin)) {
            pid = redis.pid();
            try (Jedis j = new Jedis(redis.target().host(), redis.target().port())) {
                assertEquals("PONG", j.ping());
                assertTrue(j.info("server").contains("redis_version:6.2"));
            }
            // Redis 7-only keys are dropped and reported, not silently lost
            assertTrue(redis.skippedDirectives().stream().anyMatch(s -> s.startsWith("latency-tracking")),
                    redis.skippedDirectives().toString());
        }
        assertTrue(TestRedis.awaitGone(pid, Duration.ofSeconds(10)));
    }

    @Test
    void portInUseIsBadInput(@TempDir Path work) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RedisBinary bin = RedisBinary.resolve(Optional.empty(), System.getenv("PATH"));
            RedisLaunchException e = assertThrows(RedisLaunchException.class, () -> EmbeddedRedis.start(
                    new RedisServer.Options(bin, ConfigProfile.load("stock", TestRedis.home()),
                            busy.getLocalPort(), Optional.empty(), work, Duration.ofSeconds(10))));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }

    @Test
    void nonExecutableBinaryIsBadInput(@TempDir Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("not-redis"));
        RedisLaunchException e = assertThrows(RedisLaunchException.class,
                () -> RedisBinary.resolve(Optional.of(f), ""));
        assertTrue(e.getMessage().contains("not executable"), e.getMessage());
    }

    @Test
    void noOrphanWhenJvmIsKilled() throws Exception {
        Process child = probe();
        long pid = readPid(child);
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        child.destroyForcibly(); // SIGKILL: no shutdown hook runs, only the watchdog can help
        child.waitFor();
        assertTrue(TestRedis.awaitGone(pid, Duration.ofSeconds(10)), "redis-server " + pid + " orphaned after SIGKILL");
    }

    @Test
    void noOrphanOnSigterm() throws Exception {
        Process child = probe();
        long pid = readPid(child);
        child.destroy(); // SIGTERM, as Ctrl-C would: the shutdown hook stops Redis
        child.waitFor();
        assertTrue(TestRedis.awaitGone(pid, Duration.ofSeconds(10)), "redis-server " + pid + " orphaned after SIGTERM");
    }

    @Test
    void noOrphanAfterFailure() throws Exception {
        Process child = probe("fail");
        long pid = readPid(child);
        child.waitFor();
        assertFalse(child.exitValue() == 0, "the probe should have failed");
        assertTrue(TestRedis.awaitGone(pid, Duration.ofSeconds(10)), "redis-server " + pid + " orphaned after failure");
    }

    private static Process probe(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dtailgate.test.root=" + System.getProperty("tailgate.test.root", "."),
                LauncherProbeMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static long readPid(Process child) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertTrue(line != null && line.startsWith("pid "), "probe printed: " + line);
        return Long.parseLong(line.substring(4).strip());
    }
}
