package dev.tailgate.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.cli.TailgateCommand;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.Redaction;
import dev.tailgate.redis.TestRedis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class FingerprintCaptureTest {
    @TempDir
    Path tmp;

    @Test
    void everyItemOnThisMachineIsPresentOrExplicitlyAbsent() {
        Fingerprint f = FingerprintCapture.capture(Optional.empty(), FingerprintCapture.Options.standalone(), java.time.Instant.EPOCH);
        Map<String, Item> items = f.items();
        assertTrue(items.size() > 40, "too few items: " + items.keySet());
        items.forEach((k, v) -> {
            if (v instanceof Item.Absent a) {
                assertFalse(a.reason().isBlank(), k + " absent without a reason");
            }
        });
        // items Linux always has
        for (String k : List.of("os.kernel", "cpu.count", "cpu.model", "cpu.clocksource", "memory.thpEnabled",
                "memory.swappiness", "jvm.version", "jvm.gc", "clients.jedis", "clients.lettuce",
                "clients.affinityImpl", "virtualisation.stealPercent", "isolation.isolatedCpus", "boot.isolcpus")) {
            assertTrue(items.get(k).present(), k + " = " + items.get(k));
        }
        // multi-digit sysctls are read whole (this VM reports a bogus size for /proc/sys files)
        assertTrue(Integer.parseInt(items.get("network.net.core.somaxconn").valueOrNull()) >= 16,
                items.get("network.net.core.somaxconn").toString());
        assertTrue(items.get("redis.version") instanceof Item.Absent);
    }

    @Test
    void redisSecretsAreRedactedInEveryWrittenFileAndOutput() throws Exception {
        String secret = "fp-secret-" + ProcessHandle.current().pid();
        try (EmbeddedRedis r = TestRedis.start("low-latency")) {
            try (Jedis j = new Jedis(r.target().host(), r.target().port())) {
                j.aclSetUser("app", "on", ">" + secret, "~*", "+@all");
                j.configSet("masterauth", secret);
                j.configSet("requirepass", secret);
            }
            Path pw = tmp.resolve("pw");
            Files.writeString(pw, secret);
            Path out = tmp.resolve("out").resolve("fingerprint.json");
            StringWriter stdout = new StringWriter();
            StringWriter stderr = new StringWriter();
            String url = "redis://127.0.0.1:" + r.target().port();
            int code = TailgateCommand.execute(new String[] {"fingerprint", "--target", url, "--password-file",
                pw.toString(), "--out", out.toString()}, new PrintWriter(stdout), new PrintWriter(stderr));
            assertEquals(0, code, stderr.toString());
            StringWriter json = new StringWriter();
            assertEquals(0, TailgateCommand.execute(new String[] {"fingerprint", "--json", "--target", url,
                "--password-file", pw.toString()}, new PrintWriter(json), new PrintWriter(stderr)));

            for (String text : List.of(stdout.toString(), stderr.toString(), json.toString())) {
                assertFalse(text.contains(secret), "secret printed");
            }
            try (Stream<Path> files = Files.walk(tmp.resolve("out"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(f).contains(secret), "secret in " + f);
                }
            }
            Fingerprint f = FingerprintJson.read(out.getParent());
            assertEquals(Redaction.REDACTED, f.redis().config().get("requirepass"));
            assertEquals(Redaction.REDACTED, f.redis().config().get("masterauth"));
            assertEquals("100", f.redis().config().get("hz"));
            assertTrue(f.redis().version().valueOrNull().matches("\\d+\\.\\d+\\.\\d+"), f.redis().version().toString());
            assertTrue(f.redis().configHash().valueOrNull().matches("[0-9a-f]{64}"));
            assertEquals("none", f.redis().preload().valueOrNull());
            assertTrue(f.redis().processAffinity().present(), f.redis().processAffinity().toString());
            assertTrue(stdout.toString().contains("configHash"), stdout.toString());
        }
    }

    @Test
    void configHashIgnoresWhereTheInstanceLivesButNotHowItBehaves() throws Exception {
        try (EmbeddedRedis a = TestRedis.start("stock"); EmbeddedRedis b = TestRedis.start("stock");
             EmbeddedRedis c = TestRedis.start("low-latency")) {
            Fingerprint.Redis fa = RedisProbe.capture(RedisSource.of(a));
            Fingerprint.Redis fb = RedisProbe.capture(RedisSource.of(b));
            Fingerprint.Redis fc = RedisProbe.capture(RedisSource.of(c));
            assertFalse(fa.config().get("port").equals(fb.config().get("port")));
            assertEquals(fa.configHash(), fb.configHash(), "same profile, different port/dir");
            assertFalse(fa.configHash().equals(fc.configHash()), "different profile must hash differently");
            assertEquals(String.valueOf(a.pid()), String.valueOf(RedisSource.of(a).localPid().orElseThrow()));
        }
    }

    @Test
    void jsonRoundTripKeepsEveryItem() throws Exception {
        Fingerprint f = FingerprintCapture.capture(Optional.empty(), FingerprintCapture.Options.standalone(), java.time.Instant.EPOCH);
        Path file = tmp.resolve("f.json");
        FingerprintJson.write(f, file);
        Fingerprint back = FingerprintJson.read(file);
        assertEquals(f.items(), back.items());
        assertEquals(f, back);
    }

    @Test
    void jvmArgumentSecretsAreRedacted() {
        assertEquals(List.of("-Dredis.password=<redacted>", "-Xmx1g", "-Dapi.token=<redacted>", "-Dhost=h"),
                Redaction.jvmArguments(List.of("-Dredis.password=hunter2", "-Xmx1g", "-Dapi.token=abc", "-Dhost=h")));
        assertEquals("", Redaction.value("requirepass", ""));
        assertEquals("on <redacted> ~*", Redaction.value("user", "on #" + "a".repeat(64) + " ~*"));
    }

    @Test
    void credentialsNeverPrint() {
        Credentials c = Credentials.resolve(Optional.empty(), Map.of(Credentials.ENV, "envsecret"));
        assertFalse(c.toString().contains("envsecret"));
    }
}
