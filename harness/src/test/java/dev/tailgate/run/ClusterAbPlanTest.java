package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.compare.CompareConfig;
import dev.tailgate.compare.Design;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.ForkOptions;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.launch.Topology;
import dev.tailgate.redis.launch.TopologySpec;
import dev.tailgate.suite.SuiteFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How ab plans an A/B of Redis Cluster arms, before anything starts: the design, and the arms it refuses. */
class ClusterAbPlanTest {
    private static final TopologySpec CLUSTER = TopologySpec.parse("cluster:3");
    private static final TopologySpec ONE = TopologySpec.single(Topology.STANDALONE);

    private static AbEngine.Request request(String suite, String a, String b, TopologySpec topology) {
        return new AbEngine.Request(List.of("tailgate", "ab"), SuiteFiles.load(suite, Optional.empty()),
                ArmSpec.parse("--baseline", a), ArmSpec.parse("--candidate", b), OptionalInt.of(2), Duration.ofMinutes(1),
                AbEngine.Choice.AUTO, Optional.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), false, Optional.empty(), Path.of("results"), CompareConfig.defaults(1),
                ForkOptions.DEFAULT, false, topology);
    }

    @Test
    void theClusterBenchmarksAlternateInsideOneFork() {
        Pattern p = Pattern.compile(PairedFork.ALTERNATING_BENCHMARKS);
        for (String b : List.of("JedisClusterGet", "JedisClusterSet", "LettuceClusterGet", "LettuceClusterSet")) {
            assertTrue(p.matcher("dev.tailgate.bench.cluster." + b + "Benchmark.get").find(), b);
        }
        assertTrue(p.matcher("dev.tailgate.bench.redis.JedisGetBenchmark.get").find());
        assertFalse(p.matcher("dev.tailgate.bench.trading.XaddBenchmark.add").find());
        assertFalse(p.matcher("dev.tailgate.bench.cluster.ClusterKeysBenchmark.x").find());
        AbEngine.Request r = request("cluster", "profile:stock", "profile:low-latency", CLUSTER);
        assertEquals(Design.PAIRED_ITERATION_ROUNDS, AbEngine.plan(r).design());
        AbEngine.requireLikeTopologies(r, AbEngine.plan(r).benchmarks());
    }

    @Test
    void aClusterArmAndAOneServerArmAreRefusedInOneLine() {
        AbEngine.Request r = request("cluster", "profile:stock", "target:redis://127.0.0.1:6379", CLUSTER);
        String m = assertThrows(BadInputException.class,
                () -> AbEngine.requireLikeTopologies(r, AbEngine.plan(r).benchmarks())).getMessage();
        assertTrue(m.startsWith("ab: --baseline profile:stock is a Redis Cluster but --candidate "
                + "target:redis://127.0.0.1:6379 is one server"), m);
        AbEngine.Request t = request("cluster", "target:redis-cluster://127.0.0.1:7000", "profile:stock", ONE);
        assertTrue(assertThrows(BadInputException.class, () -> AbEngine.requireLikeTopologies(t, List.of()))
                .getMessage().contains("is a Redis Cluster but --candidate profile:stock is one server"));
    }

    @Test
    void benchmarksOfTheOtherKindAreRefusedAndTopologyNeedsAnEmbeddedArm() {
        AbEngine.Request smoke = request("smoke", "profile:stock", "profile:stock", CLUSTER);
        assertTrue(assertThrows(BadInputException.class, () -> AbEngine.requireLikeTopologies(smoke,
                AbEngine.plan(smoke).benchmarks())).getMessage().contains("measures one Redis server but both arms are"
                + " Redis Clusters"));
        assertThrows(UsageException.class, () -> request("cluster", "target:redis-cluster://127.0.0.1:7000",
                "target:redis-cluster://127.0.0.1:7100", CLUSTER));
        request("cluster", "target:redis-cluster://127.0.0.1:7000", "target:redis-cluster://127.0.0.1:7100", ONE);
    }

    @Test
    void aClusterArmKeepsItsSeedsAndTheKindsAfterThem() {
        ArmSpec a = ArmSpec.parse("--baseline", "target:redis-cluster://127.0.0.1:7000,127.0.0.1:7001,inject:spin:1ms");
        assertEquals("redis-cluster://127.0.0.1:7000,127.0.0.1:7001", a.target().orElseThrow().url());
        assertTrue(a.injection().isPresent());
        assertEquals("redis-cluster://127.0.0.1:7000", ArmSpec.parse("--baseline", "target:redis-cluster://127.0.0.1:7000")
                .target().orElseThrow().url());
        BadInputException bad = assertThrows(BadInputException.class,
                () -> ArmSpec.parse("--candidate", "profile:stock,127.0.0.1:7000"));
        assertTrue(bad.getMessage().contains("unknown arm kind \"127.0.0.1\""), bad.getMessage());
    }
}
