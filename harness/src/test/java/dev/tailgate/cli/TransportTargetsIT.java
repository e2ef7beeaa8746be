package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import dev.tailgate.redis.launch.ThrowawayCerts;
import dev.tailgate.redis.launch.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and Unix-socket targets end to end against real redis-servers started by the launcher:
 * a run whose every client (raw RESP, Jedis, Lettuce) measured over the transport and whose
 * manifest says how, and each bad input (untrusted CA, wrong name, missing file or socket, an
 * ACL user without a command, a wrong password) as one line, exit 3, no run directory.
 */
class TransportTargetsIT {
    private static final String PINGS = "RawRespPing|JedisPing|LettuceSyncPing";
    private static final String PW = "transport-pw";

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        System.setProperty("jmh.ignoreLock", "true");
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
    }

    private static List<String> tinyRun(Path results, String... args) {
        List<String> a = new ArrayList<>(List.of("run", "--results", results.toString(), "--run-id", "r", "--forks", "1",
                "--warmup-iterations", "0", "--iterations", "1", "--time", "200ms", "--no-pin"));
        a.addAll(List.of(args));
        return a;
    }

    private static void assertBadInput(CliRun r, Path results, String... mustSay) throws Exception {
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        for (String s : mustSay) {
            assertTrue(r.err().contains(s), "expected <" + s + "> in " + r);
        }
        assertFalse(r.err().contains(PW), r.toString());
        if (Files.exists(results)) {
            try (Stream<Path> left = Files.list(results)) {
                assertFalse(left.findAny().isPresent(), "no run directory");
            }
        }
    }

    private static JsonNode transportOf(Path results) throws Exception {
        return JsonFiles.json().readTree(results.resolve("r/manifest.json").toFile()).path("redis").path("transport");
    }

    @Test
    void aVerifiedTlsTargetIsMeasuredByEveryClientAndTheManifestSaysHow(@TempDir Path results) throws Exception {
        try (RedisServer redis = RedisFixture.start(Topology.TLS)) {
            ThrowawayCerts certs = redis.certificates().orElseThrow();
            CliRun r = CliRun.of(tinyRun(results, "--target", "rediss://127.0.0.1:" + redis.port(), "--tls-ca",
                    certs.ca().toString(), "--tls-server-name", "localhost", "--include", PINGS).toArray(new String[0]));
            assertEquals(ExitCode.OK, r.code(), r.toString());
            JsonNode t = transportOf(results);
            assertEquals("tls", t.path("kind").asText(), t.toString());
            assertEquals("verify-full", t.path("tlsVerify").asText(), t.toString());
            assertEquals("localhost", t.path("tlsServerName").asText(), t.toString());
            assertEquals(certs.ca().toString(), t.path("tlsCa").asText(), t.toString());
            JsonNode jmh = JsonFiles.json().readTree(results.resolve("r/jmh.json").toFile());
            assertEquals(3, jmh.size(), "one result per client: " + jmh);
            String manifest = Files.readString(results.resolve("r/manifest.json"));
            assertFalse(manifest.contains("BEGIN"), "no certificate or key contents in the manifest");
        }
    }

    @Test
    void badTlsInputIsOneLineNamingTheCauseAndTheTarget(@TempDir Path results) throws Exception {
        ThrowawayCerts foreign = ThrowawayCerts.generate(Files.createDirectories(dir.resolve("foreign")));
        try (RedisServer redis = RedisFixture.start(Topology.TLS)) {
            String url = "rediss://127.0.0.1:" + redis.port();
            String ca = redis.certificates().orElseThrow().ca().toString();
            assertBadInput(CliRun.of(tinyRun(results, "--target", url, "--tls-ca", foreign.ca().toString(), "--include",
                    "JedisPing").toArray(new String[0])), results, url, "TLS handshake failed", "--tls-ca " + foreign.ca());
            assertBadInput(CliRun.of(tinyRun(results, "--target", url, "--tls-ca", ca, "--tls-server-name", "wrong.example",
                    "--include", "JedisPing").toArray(new String[0])), results, url, "does not name wrong.example");
            assertBadInput(CliRun.of(tinyRun(results, "--target", url, "--tls-ca", "/nonexistent/ca.pem", "--include",
                    "JedisPing").toArray(new String[0])), results, "--tls-ca /nonexistent/ca.pem: no such file");
            CliRun plainWithTls = CliRun.of(tinyRun(results, "--target", "redis://127.0.0.1:" + redis.port(), "--tls-ca", ca,
                    "--include", "JedisPing").toArray(new String[0]));
            assertEquals(ExitCode.USAGE, plainWithTls.code(), plainWithTls.toString());
        }
    }

    @Test
    void theEmbeddedUnixTopologyIsMeasuredByEveryClientAndRecorded(@TempDir Path results) throws Exception {
        CliRun r = CliRun.of(tinyRun(results, "--topology", "unix", "--include", PINGS).toArray(new String[0]));
        assertEquals(ExitCode.OK, r.code(), r.toString());
        JsonNode t = transportOf(results);
        assertEquals("unix", t.path("kind").asText(), t.toString());
        assertTrue(t.path("socket").asText().endsWith("redis.sock"), t.toString());
        assertFalse(Files.exists(Path.of(t.path("socket").asText())), "the socket's temp directory is deleted at stop");
        assertEquals(3, JsonFiles.json().readTree(results.resolve("r/jmh.json").toFile()).size());
    }

    @Test
    void theEmbeddedTlsTopologyIsMeasuredVerifiedAndTopologyIsOnlyForTheEmbeddedServer(@TempDir Path results)
            throws Exception {
        CliRun r = CliRun.of(tinyRun(results, "--topology", "tls", "--include", "JedisPing").toArray(new String[0]));
        assertEquals(ExitCode.OK, r.code(), r.toString());
        JsonNode t = transportOf(results);
        assertEquals("tls", t.path("kind").asText(), t.toString());
        assertEquals("verify-full", t.path("tlsVerify").asText(), t.toString());
        assertFalse(Files.exists(Path.of(t.path("tlsCa").asText())), "the throwaway CA is deleted at stop");
        CliRun cluster = CliRun.of("run", "--topology", "cluster:2", "--results", results.toString());
        assertEquals(ExitCode.USAGE, cluster.code(), cluster.toString());
        CliRun withTarget = CliRun.of("run", "--topology", "unix", "--target", "redis://127.0.0.1:1", "--results",
                results.toString());
        assertEquals(ExitCode.USAGE, withTarget.code(), withTarget.toString());
    }

    @Test
    void monitorFingerprintAndSampleReachTlsAndUnixTargets(@TempDir Path out) throws Exception {
        try (RedisServer tls = RedisFixture.start(Topology.TLS); RedisServer unix = RedisFixture.start(Topology.UNIX)) {
            List<List<String>> targets = List.of(
                    List.of("--target", "rediss://127.0.0.1:" + tls.port(), "--tls-ca", tls.certificates().orElseThrow().ca()
                            .toString(), "--tls-server-name", "localhost"),
                    List.of("--target", "unix://" + unix.endpoint().socket().orElseThrow()));
            for (List<String> target : targets) {
                CliRun monitor = CliRun.of(concat(List.of("monitor"), target));
                assertEquals(ExitCode.OK, monitor.code(), monitor.toString());
                CliRun fingerprint = CliRun.of(concat(List.of("fingerprint", "--json"), target));
                assertEquals(ExitCode.OK, fingerprint.code(), fingerprint.toString());
                assertTrue(fingerprint.out().contains(target.get(1).startsWith("rediss") ? "rediss://" : "unix://"),
                        fingerprint.out());
                CliRun sample = CliRun.of(concat(List.of("sample", "--rate", "200", "--duration", "500ms", "--interval", "250ms",
                        "--no-pin", "--max-slip", "1s", "--out", Files.createTempDirectory(out, "s").toString()), target));
                assertEquals(ExitCode.OK, sample.code(), sample.toString());
            }
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(new String[0]);
    }

    @Test
    void aUnixTargetChecksTheSocketTheUserAndItsPermissions(@TempDir Path results) throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), PW);
        try (RedisServer redis = RedisFixture.start(Topology.UNIX, "user pingonly on >" + PW + " ~tailgate:bench:* +ping +info")) {
            String url = "unix://" + redis.endpoint().socket().orElseThrow();
            assertBadInput(CliRun.of(tinyRun(results, "--target", url, "--user", "pingonly", "--password-file", pw.toString(),
                    "--include", "JedisGet").toArray(new String[0])), results, url, "permission denied", "user pingonly",
                    "+get", "+set");
            Path wrong = Files.writeString(dir.resolve("wrong-pw"), "not-" + PW);
            assertBadInput(CliRun.of(tinyRun(results, "--target", url, "--user", "pingonly", "--password-file",
                    wrong.toString(), "--include", "JedisPing").toArray(new String[0])), results, url, "authentication failed");
        }
        String missing = dir.resolve("no-such.sock").toString();
        assertBadInput(CliRun.of(tinyRun(results, "--target", "unix://" + missing, "--include", "JedisPing")
                .toArray(new String[0])), results, "unix://" + missing, "does not exist");
    }
}
