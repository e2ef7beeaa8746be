package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.bench.cluster.ClusterSeeds;
import dev.tailgate.bench.cluster.JedisClusterGetBenchmark;
import dev.tailgate.bench.cluster.LettuceClusterClient;
import dev.tailgate.bench.cluster.LettuceClusterGetBenchmark;
import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import dev.tailgate.bench.support.RawRespConnection;
import dev.tailgate.bench.support.RespCommands;
import dev.tailgate.bench.support.RespReply;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.TestRedis;
import dev.tailgate.redis.launch.ConfigProfile;
import dev.tailgate.redis.launch.RedisCluster;
import dev.tailgate.redis.launch.RedisFixture;
import dev.tailgate.redis.launch.RedisServer;
import dev.tailgate.redis.launch.ThrowawayCerts;
import dev.tailgate.redis.launch.Topology;
import dev.tailgate.redis.launch.TopologySpec;
import dev.tailgate.run.TargetSession;
import dev.tailgate.store.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to a Redis Cluster end to end, on one real 3-master cluster started by the launcher with
 * {@code tls-cluster yes} and a throwaway CA made here: a {@code rediss-cluster://} run of the
 * JedisCluster GET passes every pre-run check and the per-master permission probe over TLS and
 * records TLS in the manifest, and Lettuce's cluster client reads over mutual TLS; {@code fingerprint}, {@code monitor} and
 * {@code redis-config diff} reach every master over TLS; an untrusted CA at the seed, and a
 * master whose certificate the CA did not sign, are each one line naming the node and the cause,
 * exit 3, no run directory; {@code --tls-*} on a plain {@code redis-cluster://} is a usage error.
 */
class TlsClusterIT {
    private static RedisCluster cluster;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        cluster = TestRedis.cliCluster(3, Topology.TLS);
    }

    @AfterAll
    static void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String seed() {
        RedisServer n = cluster.nodes().get(0);
        return n.host() + ":" + n.port();
    }

    private static String ca() {
        return cluster.certificates().orElseThrow().ca().toString();
    }

    private static String[] with(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }

    @Test
    void aVerifiedTlsClusterIsMeasuredAndEveryCommandReachesEveryMasterOverTls(@TempDir Path results)
            throws Exception {
        String url = "rediss-cluster://" + seed();
        List<String> target = List.of("--target", url, "--tls-ca", ca(), "--tls-server-name", "localhost");
        CliRun r = CliRun.of(CliRun.tinyRun(results, "r", "JedisClusterGet",
                with(List.of("--suite", "cluster"), target.toArray(new String[0]))));
        assertEquals(ExitCode.OK, r.code(), r.toString());
        JsonNode redis = JsonFiles.json().readTree(results.resolve("r/manifest.json").toFile()).path("redis");
        assertTrue(redis.path("url").asText().startsWith("rediss-cluster://127.0.0.1:"), redis.toString());
        assertEquals(3, redis.path("cluster").path("masters").asInt(), redis.toString());
        JsonNode t = redis.path("transport");
        assertEquals("tls", t.path("kind").asText(), t.toString());
        assertEquals("verify-full", t.path("tlsVerify").asText(), t.toString());
        assertEquals("localhost", t.path("tlsServerName").asText(), t.toString());
        assertEquals(ca(), t.path("tlsCa").asText(), t.toString());
        assertFalse(Files.readString(results.resolve("r/manifest.json")).contains("BEGIN"), "no certificate contents");
        assertEquals(1, JsonFiles.json().readTree(results.resolve("r/jmh.json").toFile()).size());

        CliRun fingerprint = CliRun.of(with(List.of("fingerprint"), target.toArray(new String[0])));
        assertEquals(ExitCode.OK, fingerprint.code(), fingerprint.toString());
        assertTrue(fingerprint.out().contains("redisNodes: (3 masters)"), fingerprint.toString());
        CliRun monitor = CliRun.of(with(List.of("monitor"), target.toArray(new String[0])));
        assertEquals(ExitCode.OK, monitor.code(), monitor.toString());
        CliRun diff = CliRun.of(with(List.of("redis-config", "diff", "stock"), target.toArray(new String[0])));
        assertEquals(ExitCode.OK, diff.code(), diff.toString());
        for (RedisServer n : cluster.nodes()) {
            String addr = n.host() + ":" + n.port();
            assertTrue(monitor.out().contains("target     rediss://" + addr + "/0"), monitor.toString());
            assertTrue(diff.out().contains("master " + addr + ":"), diff.toString());
        }
    }

    /**
     * Lettuce's cluster client over TLS with a client certificate (mutual TLS), in this JVM: a
     * fork costs seconds, and the fork's settings are the run's above. Its keys are preloaded and
     * removed by a JedisCluster over TLS too.
     */
    @Test
    void lettuceReadsEveryMastersKeysOverMutualTls() {
        RedisServer first = cluster.nodes().get(0);
        ThrowawayCerts certs = cluster.certificates().orElseThrow();
        BenchConfig cfg = BenchConfig.of(Map.of(BenchConfig.HOST, first.host(), BenchConfig.PORT,
                Integer.toString(first.port()), BenchConfig.PIN, "false", BenchConfig.KEY_TTL_MILLIS, "600000",
                BenchConfig.TLS, "true", BenchConfig.TLS_CA, ca(), BenchConfig.TLS_SERVER_NAME, "localhost",
                BenchConfig.TLS_CERT, certs.clientCert().toString(), BenchConfig.TLS_KEY, certs.clientKey().toString()));
        LettuceClusterClient c = new LettuceClusterClient();
        c.valueBytes = 16;
        c.master = "all";
        c.open(cfg, ClusterSeeds.parse(seed()), new BenchId(LettuceClusterGetBenchmark.class.getName() + ".get",
                Map.of("valueBytes", "16", "master", "all")), 0);
        try {
            assertEquals(3, c.keys().nodes().size(), c.keys().nodes().toString());
            LettuceClusterGetBenchmark get = new LettuceClusterGetBenchmark();
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(c.keys().value(), get.get(c));
            }
            assertEquals(List.of(0L), c.redirections());
        } finally {
            c.tearDown();
        }
    }

    @Test
    void anUntrustedSeedOrMasterIsOneLineNamingTheNodeAndPlainClusterWithTlsIsUsage(@TempDir Path results)
            throws Exception {
        ThrowawayCerts foreign = ThrowawayCerts.generate(Files.createDirectories(dir.resolve("foreign")));
        String url = "rediss-cluster://" + seed();
        CliRun.of(CliRun.tinyRun(results, "r", "JedisClusterGet", "--suite", "cluster", "--target", url,
                "--tls-ca", foreign.ca().toString(), "--tls-server-name", "localhost"))
                .assertBadInput(results, "--target " + url + ": seed " + seed() + ": TLS handshake failed (",
                        "the server certificate is not signed by --tls-ca " + foreign.ca());

        CliRun plain = CliRun.of(CliRun.tinyRun(results, "r", "JedisClusterGet", "--suite", "cluster", "--target",
                "redis-cluster://" + seed(), "--tls-ca", ca()));
        assertEquals(ExitCode.USAGE, plain.code(), plain.toString());
        assertTrue(plain.err().contains("rediss-cluster://"), plain.toString());

        // one master presents a certificate the cluster's CA did not sign: found where CLUSTER NODES lists it
        RedisServer odd = cluster.nodes().get(2);
        String oddAddr = odd.host() + ":" + odd.port();
        ThrowawayCerts own = cluster.certificates().orElseThrow();
        try (RawRespConnection admin = RawRespConnection.connect(odd.endpoint())) {
            if (!configSet(admin, foreign.serverCert(), foreign.serverKey())) {
                // Redis 6.2 (the bundled server on a machine without redis-server) sets one
                // parameter per CONFIG SET and checks the key against the certificate at each, so
                // a node's pair cannot be swapped live; CI's Redis 7 runs this part
                return;
            }
            try {
                CliRun.of(CliRun.tinyRun(results, "r", "JedisClusterGet", "--suite", "cluster", "--target", url,
                        "--tls-ca", ca(), "--tls-server-name", "localhost"))
                        .assertBadInput(results, "--target " + url + ": master " + oddAddr + ": TLS handshake failed (",
                                "not signed by --tls-ca " + ca(), ", listed by CLUSTER NODES at seed " + seed());
            } finally {
                configSet(admin, own.serverCert(), own.serverKey());
            }
        }
    }

    /**
     * {@code --topology tls-cluster:3} as {@code run} starts it, without a fork (the fork's side
     * is the run above): a rediss-cluster target that passes the cluster checks over TLS, is
     * recorded as TLS, and whose throwaway CA is gone when it stops.
     */
    @Test
    void theEmbeddedTlsClusterTopologyIsCheckedOverTlsAndItsCaDeletedAtStop(@TempDir Path work) {
        Path ca;
        try (TargetSession s = TargetSession.embedded(RedisFixture.binary(), ConfigProfile.load("stock", TestRedis.home()),
                0, Optional.empty(), work, TopologySpec.parse("tls-cluster:3"),
                List.of(JedisClusterGetBenchmark.class.getName() + ".get"))) {
            assertTrue(s.target().url().startsWith("rediss-cluster://127.0.0.1:"), s.target().url());
            assertEquals(3, s.masters().size(), s.masters().toString());
            Manifest.Transport t = s.describe().transport().orElseThrow();
            assertEquals("tls", t.kind());
            assertEquals(Optional.of("localhost"), t.tlsServerName());
            ca = Path.of(t.tlsCa().orElseThrow());
            assertTrue(Files.isRegularFile(ca), ca.toString());
        }
        assertFalse(Files.exists(ca), "the cluster's throwaway CA is deleted at stop");
    }

    /**
     * CONFIG SET of the server certificate and key together on an open connection (which keeps
     * its session); false when the server takes one parameter per CONFIG SET (Redis before 7).
     */
    private static boolean configSet(RawRespConnection c, Path cert, Path key) throws Exception {
        RespReply r = c.call(RespCommands.encode("CONFIG", "SET", "tls-cert-file", cert.toString(), "tls-key-file",
                key.toString()));
        if (r instanceof RespReply.Error e && String.valueOf(e).contains("wrong number of arguments")) {
            return false;
        }
        assertFalse(r instanceof RespReply.Error, String.valueOf(r));
        return true;
    }
}
