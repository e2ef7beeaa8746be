package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.fingerprint.Fingerprint;
import dev.tailgate.fingerprint.FingerprintJson;
import dev.tailgate.gate.GateService;
import dev.tailgate.gate.SamplerThresholds;
import dev.tailgate.ingest.TailStateJson;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.Check;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.TailState;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.redis.launch.RedisCluster;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import dev.tailgate.run.TargetSession;
import dev.tailgate.sample.ClusterLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Every command speaks to every master of a real 3-master Redis Cluster (the project's cluster
 * launcher): the key-permission probe runs on each master with keys in its own slots, so an
 * ACL user that lacks a permission on one master only is refused before the run naming that
 * master; {@code fingerprint} records each master and names what differs; {@code redis-config
 * diff} shows each master and {@code apply} refuses a cluster; {@code monitor} and {@code sample}
 * attribute to each master; and a master that CLUSTER NODES lists but that does not answer is
 * one line naming it, exit 3, no run directory, for every command.
 */
class ClusterNodesIT {
    private static final String PW = "nodes-pw-" + Long.toHexString(System.nanoTime());
    private static final String JEDIS_GET = "dev.tailgate.bench.cluster.JedisClusterGetBenchmark.get";
    private static RedisCluster cluster;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        cluster = TestRedis.cliCluster(3);
    }

    @AfterAll
    static void tearDown() {
        cluster.close();
    }

    /** Every test starts from the same users and config on every node. */
    @AfterEach
    void resetNodes() {
        for (RedisServer n : cluster.nodes()) {
            try (Jedis j = admin(n)) {
                j.aclSetUser("bench", "reset", "on", ">" + PW, "~tailgate:bench:*", "resetchannels", "&tailgate:bench:*", "+@all");
                j.configSet("slowlog-max-len", "128");
            }
        }
    }

    private static Jedis admin(RedisServer n) {
        return new Jedis(n.host(), n.port());
    }

    private static String addr(RedisServer n) {
        return n.host() + ":" + n.port();
    }

    private static String seedUrl(String user) {
        return "redis-cluster://" + (user == null ? "" : user + "@") + addr(cluster.nodes().get(0));
    }

    private static Path pw() throws Exception {
        return Files.writeString(dir.resolve("pw"), PW);
    }

    /** The same user on every node; on {@code restricted} with {@code rules} instead. */
    private static void benchUser(int restricted, String... rules) {
        for (int i = 0; i < cluster.nodes().size(); i++) {
            try (Jedis j = admin(cluster.nodes().get(i))) {
                List<String> r = new ArrayList<>(List.of("reset", "on", ">" + PW));
                r.addAll(i == restricted ? List.of(rules) : List.of("~tailgate:bench:*", "resetchannels", "&tailgate:bench:*", "+@all"));
                j.aclSetUser("bench", r.toArray(String[]::new));
            }
        }
    }

    private static void assertNoKeysLeft() {
        for (RedisServer n : cluster.nodes()) {
            try (Jedis j = admin(n)) {
                assertEquals(0, j.dbSize(), addr(n) + ": probe keys left: " + j.keys("*"));
            }
        }
    }

    @Test
    void aUserLackingACommandOnOneMasterIsRefusedBeforeTheRunNamingThatMaster(@TempDir Path results) throws Exception {
        RedisServer lacking = cluster.nodes().get(2);
        benchUser(2, "~tailgate:bench:*", "resetchannels", "&tailgate:bench:*", "+@all", "-get");
        CliRun r = CliRun.of(CliRun.tinyRun(results, "r", "JedisClusterGet", "--suite", "cluster",
                "--target", seedUrl("bench"), "--password-file", pw().toString()));
        r.assertBadInput(results, "--target " + seedUrl("bench") + ": permission denied at master " + addr(lacking)
                + ": user bench lacks", "commands get (ACL categories @read @string)", "grant it on " + addr(lacking)
                + ", e.g. ACL SETUSER bench +get");
        assertFalse(r.err().contains("refused at master"), "only one master lacks it: " + r);
        assertNoKeysLeft();
    }

    @Test
    void eachMasterIsProbedWithKeysInItsOwnSlots() throws Exception {
        RedisTarget t = RedisTarget.parse(seedUrl("bench"));
        Credentials c = Credentials.resolve(Optional.of(pw()), Map.of());
        for (int i = 0; i < cluster.nodes().size(); i++) {
            // without the key pattern on master i only: ACLs are per node, so a probe of the seed alone misses it
            benchUser(i, "~app:*", "resetchannels", "&tailgate:bench:*", "+@all");
            BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                    () -> TargetSession.external(t, c, List.of(JEDIS_GET)).close());
            String m = addr(cluster.nodes().get(i));
            assertTrue(e.getMessage().contains("permission denied at master " + m + ": user bench lacks what the selected"
                    + " benchmarks need: keys tailgate:bench:*"), e.getMessage());
        }
        benchUser(-1);
        try (TargetSession s = TargetSession.external(t, c, List.of(JEDIS_GET))) {
            assertEquals(3, s.masters().size(), s.masters().toString());
        }
        assertNoKeysLeft();
    }

    @Test
    void aPermissionMissingOnEveryMasterNamesTheFirstAndTheOthers() throws Exception {
        for (RedisServer n : cluster.nodes()) {
            try (Jedis j = admin(n)) {
                j.aclSetUser("bench", "reset", "on", ">" + PW, "~tailgate:bench:*", "resetchannels", "&tailgate:bench:*", "+@all", "-set");
            }
        }
        TreeSet<String> masters = new TreeSet<>();
        cluster.nodes().forEach(n -> masters.add(addr(n)));
        BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class,
                () -> TargetSession.external(RedisTarget.parse(seedUrl("bench")),
                        Credentials.resolve(Optional.of(pw()), Map.of()), List.of(JEDIS_GET)).close());
        List<String> sorted = new ArrayList<>(masters);
        assertTrue(e.getMessage().contains("permission denied at master " + sorted.get(0) + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("commands set"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(refused at master " + sorted.get(1) + ", " + sorted.get(2) + " too)"),
                e.getMessage());
    }

    @Test
    void fingerprintRecordsEveryMasterAndNamesTheOneThatDiffers() throws Exception {
        Path out = dir.resolve("fp.json");
        CliRun same = CliRun.of("fingerprint", "--target", seedUrl(null), "--out", out.toString());
        assertEquals(ExitCode.OK, same.code(), same.toString());
        assertTrue(same.out().contains("redisNodes: (3 masters)"), same.toString());
        assertTrue(same.out().contains("the masters agree on version, config"), same.toString());
        Fingerprint f = FingerprintJson.read(out);
        assertEquals(3, f.redisNodes().size(), f.redisNodes().keySet().toString());
        for (RedisServer n : cluster.nodes()) {
            assertTrue(f.redisNodes().containsKey(addr(n)), f.redisNodes().keySet().toString());
        }
        assertEquals(f.redisNodes().get(addr(cluster.nodes().get(0))).version(), f.redis().version());
        assertEquals(f.redisNodes().get(addr(cluster.nodes().get(1))).configHash(), f.redis().configHash());
        assertEquals(seedUrl(null), f.redis().target().valueOrNull());
        assertTrue(f.items().containsKey("redisNodes." + addr(cluster.nodes().get(2)) + ".version"), f.items().keySet().toString());

        RedisServer odd = cluster.nodes().get(1);
        try (Jedis j = admin(odd)) {
            j.configSet("slowlog-max-len", "999");
        }
        CliRun differs = CliRun.of("fingerprint", "--target", seedUrl(null));
        assertEquals(ExitCode.OK, differs.code(), differs.toString());
        assertTrue(differs.out().contains("DIFFERS: config differs across masters in 1 key(s): slowlog-max-len ("),
                differs.toString());
        assertTrue(differs.out().contains(addr(odd) + " 999"), differs.toString());
        CliRun json = CliRun.of("fingerprint", "--target", seedUrl(null), "--json");
        JsonNode redis = JsonFiles.json().readTree(json.out()).path("redis");
        assertTrue(redis.path("configHash").path("value").asText().startsWith("differs across masters: "), redis.toString());
        assertFalse(redis.path("config").has("slowlog-max-len"), "a key the masters do not share is not the cluster's");
    }

    @Test
    void redisConfigDiffShowsEveryMasterAndApplyRefusesACluster() throws Exception {
        RedisServer odd = cluster.nodes().get(2);
        try (Jedis j = admin(odd)) {
            j.configSet("slowlog-max-len", "999");
        }
        CliRun diff = CliRun.of("redis-config", "diff", "low-latency", "--target", seedUrl(null));
        assertEquals(ExitCode.OK, diff.code(), diff.toString());
        for (RedisServer n : cluster.nodes()) {
            assertTrue(diff.out().contains("master " + addr(n) + ":"), diff.toString());
        }
        assertTrue(diff.out().contains("the masters differ in 1 profile key(s): slowlog-max-len ("), diff.toString());

        CliRun apply = CliRun.of("redis-config", "apply", "low-latency", "--target", seedUrl(null),
                "--snapshot-dir", dir.resolve("snaps").toString());
        assertEquals(ExitCode.USAGE, apply.code(), apply.toString());
        assertEquals(1, apply.err().strip().lines().count(), apply.toString());
        assertTrue(apply.err().contains("redis-config apply: --target " + seedUrl(null) + " is a cluster"), apply.toString());
        assertFalse(Files.exists(dir.resolve("snaps")), "nothing was snapshotted");
        for (RedisServer n : cluster.nodes()) {
            try (Jedis j = admin(n)) {
                assertFalse("100".equals(j.configGet("hz").get("hz")), addr(n) + ": hz changed by a refused apply");
            }
        }
        CliRun rollback = CliRun.of("redis-config", "rollback", "--target", seedUrl(null));
        assertEquals(ExitCode.USAGE, rollback.code(), rollback.toString());
        assertTrue(rollback.err().contains("redis-config rollback: --target " + seedUrl(null) + " is a cluster"),
                rollback.toString());
    }

    @Test
    void monitorWatchesEveryMasterOnItsOwnLine() throws Exception {
        Path out = dir.resolve("monitor.json");
        CliRun once = CliRun.of("monitor", "--target", seedUrl(null), "--out", out.toString());
        assertEquals(ExitCode.OK, once.code(), once.toString());
        JsonNode snapshots = JsonFiles.json().readTree(out.toFile());
        for (RedisServer n : cluster.nodes()) {
            assertTrue(once.out().contains("master     " + addr(n)), once.toString());
            assertTrue(once.out().contains("target     redis://" + addr(n) + "/0"), once.toString());
            assertTrue(snapshots.has(addr(n)), snapshots.fieldNames().toString());
        }
        CliRun lines = CliRun.of("monitor", "--target", seedUrl(null), "--interval", "200ms", "--count", "2");
        assertEquals(ExitCode.OK, lines.code(), lines.toString());
        List<String> body = lines.out().lines().skip(1).toList();
        assertEquals(6, body.size(), lines.toString());
        for (RedisServer n : cluster.nodes()) {
            assertEquals(2, body.stream().filter(l -> l.startsWith(addr(n) + " ")).count(), lines.toString());
        }
    }

    @Test
    void sampleSendsToEveryMasterAndKeepsATailStateForEach() throws Exception {
        Map<String, Long> before = new java.util.TreeMap<>();
        for (RedisServer n : cluster.nodes()) {
            before.put(addr(n), pings(n));
        }
        Path out = dir.resolve("sample");
        CliRun r = CliRun.of("sample", "--target", seedUrl(null), "--rate", "200", "--duration", "1s", "--interval", "500ms",
                "--window", "1s", "--no-pin", "--max-slip", "1us", "--out", out.toString());
        assertEquals(ExitCode.OK, r.code(), r.toString());
        for (RedisServer n : cluster.nodes()) {
            Path state = out.resolve("redis-nodes/" + addr(n).replace(':', '_') + "/tail-state.json");
            assertTrue(Files.isRegularFile(state), state + "\n" + r);
            JsonNode s = JsonFiles.json().readTree(state.toFile());
            assertEquals("redis://" + addr(n) + "/0", s.path("target").asText(), s.toString());
            // on a busy host a sender may also fall behind, and that flaw is listed first
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(addr(n) + " total: ")
                    && l.contains("INVALID [") && l.contains("p99 schedule slip")), r.toString());
            // --max-slip reaches every master's sampler: 1 us is below any unpinned sender's p99 slip
            TailState.Summary total = TailStateJson.read(state).total();
            assertFalse(total.valid(), s.toString());
            assertTrue(total.flaws().stream().anyMatch(f -> f.contains("p99 schedule slip")), s.toString());
            long sent = pings(n) - before.get(addr(n));
            assertTrue(sent >= 100, addr(n) + " got " + sent + " PINGs, expected about 200\n" + r);
        }
        theClusterWideStateAddsUpTheMasters(out, r);
    }

    /**
     * The same run's cluster-wide files, where one server's sample writes them: the log is the
     * masters' logs added interval by interval, the total their sum, INVALID naming each master
     * (--max-slip 1us), a cluster line per interval and a total naming the worst master; the gate
     * judges it by default and cannot pass it, nor once a master's state is gone.
     */
    private static void theClusterWideStateAddsUpTheMasters(Path out, CliRun r) throws Exception {
        List<Path> masterLogs = new ArrayList<>();
        long masterSamples = 0;
        for (RedisServer n : cluster.nodes()) {
            Path node = out.resolve("redis-nodes/" + addr(n).replace(':', '_'));
            masterLogs.add(node.resolve("histograms/tail-sample.hlog"));
            masterSamples += TailStateJson.read(node.resolve("tail-state.json")).total().count();
        }
        Histogram all = ClusterLogs.assertAddsUp(
                out.resolve("histograms/tail-sample.hlog"), masterLogs);
        TailState s = TailStateJson.read(out.resolve("tail-state.json"));
        assertTrue(s.complete(), s.toString());
        assertTrue(s.target().startsWith("redis-cluster://"), s.target());
        assertEquals(3, s.masters().size(), s.toString());
        assertEquals(masterSamples, s.total().count(), s.toString());
        assertEquals(all.getTotalCount(), s.total().count(), s.toString());
        assertFalse(s.total().valid(), s.toString());
        for (RedisServer n : cluster.nodes()) {
            assertTrue(s.total().flaws().stream().anyMatch(f -> f.startsWith("master " + addr(n) + ": p99 schedule slip")),
                    s.total().flaws().toString());
        }
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.stream().filter(l -> l.startsWith("cluster 20")).count() >= 2, r.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("cluster total: " + s.total().count() + " samples")
                && l.contains("INVALID") && l.contains("worst max ")), r.toString());

        Path thresholds = SamplerThresholds.lenient(out, 10);
        Check c = GateService.gate(out, thresholds, LocalDate.of(2026, 12, 7))
                .verdict().checks().get(0);
        assertEquals(Outcome.INCONCLUSIVE, c.outcome(), c.reason());
        assertTrue(c.reason().contains("cluster-wide histograms/tail-sample.hlog"), c.reason());
        Files.delete(out.resolve(s.masters().get(0).state()));
        c = GateService.gate(out, thresholds, LocalDate.of(2026, 12, 7)).verdict().checks().get(0);
        assertEquals(Outcome.INCONCLUSIVE, c.outcome(), c.reason());
        assertTrue(c.reason().contains("master " + s.masters().get(0).node() + ": data missing"), c.reason());
    }

    private static long pings(RedisServer n) {
        try (Jedis j = admin(n)) {
            return j.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_ping:")).findFirst()
                    // "cmdstat_ping:calls=N,usec=..,rejected_calls=0,failed_calls=0": the first calls=, not the last
                    .map(l -> Long.parseLong(l.replaceAll("^cmdstat_ping:calls=(\\d+),.*", "$1"))).orElse(0L);
        }
    }

    @Test
    void aMasterThatCannotBeReachedIsOneLineNamingItForEveryCommand(@TempDir Path results) throws Exception {
        try (RedisCluster broken = RedisFixture.startCluster(3, RedisFixture.binary())) {
            RedisServer seed = broken.nodes().get(0);
            RedisServer dead = broken.nodes().get(2);
            String url = "redis-cluster://" + addr(seed);
            dead.close();
            // within cluster-node-timeout (15 s) the seed still lists the dead master as serving
            String named = "--target " + url + ": master " + addr(dead) + ": ";
            CliRun.of(CliRun.tinyRun(results, "r", "JedisClusterGet", "--suite", "cluster", "--target", url))
                    .assertBadInput(results, named + "unreachable (", ", listed by CLUSTER NODES at seed " + addr(seed));
            CliRun.of("fingerprint", "--target", url).assertBadInput(null, named + "cannot connect (");
            CliRun.of("monitor", "--target", url).assertBadInput(null, named);
            CliRun.of("redis-config", "diff", "stock", "--target", url).assertBadInput(null, named);
            Path sampleOut = dir.resolve("sample-dead");
            CliRun.of("sample", "--target", url, "--duration", "1s", "--out", sampleOut.toString()).assertBadInput(null, named);
            assertFalse(Files.exists(sampleOut.resolve("redis-nodes")), "nothing sampled");
        }
    }
}
