package dev.tailgate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.cli.TailgateCommand;
import dev.tailgate.redis.launch.RedisBinary;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** redis-config apply / rollback / diff against real redis-server processes. */
class RedisConfigCommandTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TailgateCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    static Map<String, String> config(EmbeddedRedis r) {
        try (Jedis j = new Jedis(r.target().host(), r.target().port())) {
            return j.configGet("*");
        }
    }

    private String url(EmbeddedRedis r) {
        return "redis://127.0.0.1:" + r.target().port();
    }

    @Test
    void applyThenRollbackRestoresExactlyWhatConfigGetReturnedBefore() throws Exception {
        try (EmbeddedRedis r = TestRedis.start("stock")) {
            Map<String, String> before = config(r);
            Path snaps = tmp.resolve("snaps");
            Result diff = cli("redis-config", "diff", "low-latency", "--target", url(r));
            assertEquals(0, diff.code(), diff.all());
            assertTrue(diff.out().lines().anyMatch(l -> l.startsWith("*") && l.contains("hz") && l.contains("100")), diff.out());
            assertTrue(diff.out().lines().anyMatch(l -> l.contains("io-threads") && l.contains("restart only")), diff.out());

            Result apply = cli("redis-config", "apply", "low-latency", "--target", url(r), "--snapshot-dir", snaps.toString());
            assertEquals(0, apply.code(), apply.all());
            // Redis 7 takes every key in one CONFIG SET; older servers (the bundled 6.2) one by one
            boolean redis7 = r.binary().major() >= 7;
            assertTrue(apply.out().contains(redis7 ? "one atomic CONFIG SET" : "key by key, Redis < 7"), apply.out());
            assertTrue(apply.out().contains("needs a restart (start-up only, not changed): none"), apply.out());
            assertTrue(apply.out().lines().anyMatch(l -> l.startsWith("already at the profile value:")
                    && l.contains("io-threads")), apply.out());
            Map<String, String> applied = config(r);
            assertEquals("100", applied.get("hz"));
            assertEquals("yes", applied.get("lazyfree-lazy-eviction"));
            if (redis7) {
                assertEquals("50 99 99.9", applied.get("latency-tracking-info-percentiles"));
            } else {
                assertTrue(apply.out().contains("unsupported here (skipped): latency-tracking: not supported"), apply.out());
            }

            // a second apply on top: rollbacks undo them newest first
            Path hz20 = tmp.resolve("hz20.conf");
            Files.writeString(hz20, "hz 20\n");
            assertEquals(0, cli("redis-config", "apply", hz20.toString(), "--target", url(r), "--snapshot-dir",
                    snaps.toString()).code());
            assertEquals("20", config(r).get("hz"));
            Result rb1 = cli("redis-config", "rollback", "--target", url(r), "--snapshot-dir", snaps.toString());
            assertEquals(0, rb1.code(), rb1.all());
            assertEquals(applied, config(r));

            Result rb = cli("redis-config", "rollback", "--target", url(r), "--snapshot-dir", snaps.toString());
            assertEquals(0, rb.code(), rb.all());
            assertEquals(before, config(r));
            assertBadInput(cli("redis-config", "rollback", "--target", url(r), "--snapshot-dir", snaps.toString()),
                    "no snapshot for");
        }
    }

    @Test
    void startupOnlyKeysAreListedNeverSent() throws Exception {
        try (EmbeddedRedis r = TestRedis.start("stock")) {
            Map<String, String> before = config(r);
            Path profile = tmp.resolve("startup.conf");
            Files.writeString(profile, "tcp-backlog " + (Integer.parseInt(before.get("tcp-backlog")) + 1) + "\nhz 20\n");
            Path snaps = tmp.resolve("snaps");
            Result apply = cli("redis-config", "apply", profile.toString(), "--target", url(r), "--snapshot-dir", snaps.toString());
            assertEquals(0, apply.code(), apply.all());
            assertTrue(apply.out().contains("needs a restart (start-up only, not changed): tcp-backlog"), apply.out());
            assertEquals(before.get("tcp-backlog"), config(r).get("tcp-backlog"));
            assertEquals("20", config(r).get("hz"));
            assertEquals(0, cli("redis-config", "rollback", "--target", url(r), "--snapshot-dir", snaps.toString()).code());
            assertEquals(before, config(r));
        }
    }

    @Test
    void processKilledBetweenApplyAndRollbackLeavesARestorableSnapshot() throws Exception {
        try (EmbeddedRedis r = TestRedis.start("stock")) {
            Map<String, String> before = config(r);
            Path snaps = tmp.resolve("snaps");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Dtailgate.home=" + TestRedis.home().map(Path::toString).orElse("."),
                    ApplyProbeMain.class.getName(), "redis-config", "apply", "low-latency", "--target", url(r),
                    "--snapshot-dir", snaps.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                List<String> lines = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null && !line.equals("applied") && !line.startsWith("failed")) {
                    lines.add(line);
                }
                assertEquals("applied", line, "child output: " + lines);
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            assertEquals("100", config(r).get("hz"));
            Result rb = cli("redis-config", "rollback", "--target", url(r), "--snapshot-dir", snaps.toString());
            assertEquals(0, rb.code(), rb.all());
            assertEquals(before, config(r));
        }
    }

    @Test
    void partialFailureOnOldServerIsUndoneAndUnsupportedKeysAreListed() throws Exception {
        RedisBinary old = RedisBinary.resolve(Optional.empty(), "");
        try (EmbeddedRedis r = TestRedis.start("stock", old)) {
            Map<String, String> before = config(r);
            // hz and slowlog-max-len are set one by one before maxmemory-policy is refused
            Path profile = tmp.resolve("bad-middle.conf");
            Files.writeString(profile, "hz 50\nslowlog-max-len 999\nmaxmemory-policy not-a-policy\nlatency-monitor-threshold 5\n");
            Path snaps = tmp.resolve("snaps");
            Result apply = cli("redis-config", "apply", profile.toString(), "--target", url(r), "--snapshot-dir", snaps.toString());
            assertEquals(3, apply.code(), apply.all());
            assertTrue(apply.err().contains("maxmemory-policy") && apply.err().contains("2 key(s) already set were restored"),
                    apply.err());
            assertEquals(1, apply.err().lines().count(), apply.err());
            assertEquals(before, config(r));
            assertFalse(hasFiles(snaps), "a failed apply must not leave a snapshot behind");

            // the real profile on 6.2: Redis 7 keys are "unsupported here", the rest applies key by key
            Result ll = cli("redis-config", "apply", "low-latency", "--target", url(r), "--snapshot-dir", snaps.toString());
            assertEquals(0, ll.code(), ll.all());
            assertTrue(ll.out().contains("key by key") && ll.out().contains("latency-tracking: not supported"), ll.out());
            assertEquals("100", config(r).get("hz"));
            assertEquals(0, cli("redis-config", "rollback", "--target", url(r), "--snapshot-dir", snaps.toString()).code());
            assertEquals(before, config(r));
        }
    }

    @Test
    void badInputLeavesTheServerAsItWas() throws Exception {
        try (EmbeddedRedis r = TestRedis.start("stock"); EmbeddedRedis other = TestRedis.start("stock")) {
            Map<String, String> before = config(r);
            Path snaps = tmp.resolve("snaps");

            Path typo = tmp.resolve("typo.conf");
            Files.writeString(typo, "hz 100\nhzz 5\n");
            Result unknown = cli("redis-config", "apply", typo.toString(), "--target", url(r), "--snapshot-dir", snaps.toString());
            assertBadInput(unknown, "unknown Redis config key \"hzz\"");
            assertFalse(hasFiles(snaps));

            Path garbage = tmp.resolve("garbage.json");
            Files.writeString(garbage, "{ not json");
            assertBadInput(cli("redis-config", "rollback", garbage.toString(), "--target", url(r)), "unreadable");
            assertBadInput(cli("redis-config", "rollback", tmp.resolve("missing.json").toString(), "--target", url(r)),
                    "unreadable");

            // a snapshot of `other` must not be restored onto r
            Path otherSnaps = tmp.resolve("other");
            assertEquals(0, cli("redis-config", "apply", "low-latency", "--target", url(other), "--snapshot-dir",
                    otherSnaps.toString()).code());
            Path snap;
            try (Stream<Path> s = Files.list(otherSnaps)) {
                snap = s.findFirst().orElseThrow();
            }
            assertBadInput(cli("redis-config", "rollback", snap.toString(), "--target", url(r)), "run_id");

            try (Jedis j = new Jedis(r.target().host(), r.target().port())) {
                j.aclSetUser("noconfig", "on", ">limited-pw", "~*", "+@all", "-config");
            }
            Path pw = tmp.resolve("pw");
            Files.writeString(pw, "limited-pw\n");
            Result noperm = cli("redis-config", "apply", "low-latency", "--target",
                    "redis://noconfig@127.0.0.1:" + r.target().port(), "--password-file", pw.toString(),
                    "--snapshot-dir", snaps.toString());
            assertBadInput(noperm, "may not run CONFIG GET");
            assertFalse(noperm.all().contains("limited-pw"));
            assertFalse(hasFiles(snaps));

            Result noTarget = cli("redis-config", "apply", "low-latency");
            assertEquals(2, noTarget.code(), noTarget.all());

            Map<String, String> after = config(r);
            assertEquals(before, after);
        }
    }

    @Test
    void passwordNeverReachesSnapshotOrOutput() throws Exception {
        String secret = "s3cret-" + ProcessHandle.current().pid();
        try (EmbeddedRedis r = TestRedis.start("stock")) {
            try (Jedis j = new Jedis(r.target().host(), r.target().port())) {
                j.configSet("requirepass", secret);
            }
            Path pw = tmp.resolve("pw");
            Files.writeString(pw, secret);
            Path snaps = tmp.resolve("snaps");
            Result apply = cli("redis-config", "apply", "low-latency", "--target", url(r), "--password-file", pw.toString(),
                    "--snapshot-dir", snaps.toString());
            assertEquals(0, apply.code(), apply.all());
            Result rb = cli("redis-config", "rollback", "--target", url(r), "--password-file", pw.toString(),
                    "--snapshot-dir", snaps.toString());
            assertEquals(0, rb.code(), rb.all());
            Path wrong = tmp.resolve("wrong");
            Files.writeString(wrong, "not-the-password");
            Result denied = cli("redis-config", "diff", "low-latency", "--target", url(r), "--password-file", wrong.toString());
            assertBadInput(denied, "authentication failed");
            for (Result res : List.of(apply, rb, denied)) {
                assertFalse(res.all().contains(secret), res.all());
            }
            try (Stream<Path> s = Files.list(snaps)) {
                for (Path f : s.toList()) {
                    assertFalse(Files.readString(f).contains(secret), f.toString());
                }
            }
            Path withSecret = tmp.resolve("secret.conf");
            Files.writeString(withSecret, "requirepass other\n");
            assertBadInput(cli("redis-config", "apply", withSecret.toString(), "--target", url(r), "--password-file",
                    pw.toString(), "--snapshot-dir", snaps.toString()), "secret");
            try (Jedis j = new Jedis(r.target().host(), r.target().port())) {
                j.auth(secret);
                assertNotEquals("other", j.configGet("requirepass").get("requirepass"));
            }
        }
    }

    @Test
    void valueThisBuildCannotTakeIsUnsupportedHereNotAnError() throws Exception {
        try (EmbeddedRedis r = TestRedis.start("stock")) {
            boolean rejects;
            try (Jedis j = new Jedis(r.target().host(), r.target().port())) {
                try {
                    j.configSet("activedefrag", "yes");
                    j.configSet("activedefrag", "no");
                    rejects = false;
                } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                    rejects = true;
                }
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(rejects,
                    "this redis-server can defragment (not Debian's build): nothing to refuse");
            Map<String, String> before = config(r);
            Path profile = tmp.resolve("defrag.conf");
            Files.writeString(profile, "hz 50\nactivedefrag yes\nslowlog-max-len 999\n");
            Path snaps = tmp.resolve("snaps");
            Result apply = cli("redis-config", "apply", profile.toString(), "--target", url(r), "--snapshot-dir", snaps.toString());
            assertEquals(0, apply.code(), apply.all());
            assertTrue(apply.out().contains("unsupported here (skipped): activedefrag: unsupported here"), apply.out());
            assertTrue(apply.out().contains("changed (2, one atomic CONFIG SET): hz, slowlog-max-len"), apply.out());
            assertEquals("50", config(r).get("hz"));
            assertEquals(0, cli("redis-config", "rollback", "--target", url(r), "--snapshot-dir", snaps.toString()).code());
            assertEquals(before, config(r));
        }
    }

    private static void assertBadInput(Result r, String expected) {
        assertEquals(3, r.code(), r.all());
        assertEquals(1, r.err().lines().count(), "one line expected: " + r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    private static boolean hasFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }
}
