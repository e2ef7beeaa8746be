package dev.tailgate.compareservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.store.Manifest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A cluster run is not like a one-server run, nor like a cluster of another size, even for a declared target. */
class ClusterLikeWithLikeTest {

    /** ManifestDesignTest's plain run with this Redis section (through JSON, which reads it back as compare does). */
    private static Manifest run(Optional<Manifest.Cluster> cluster) throws Exception {
        ObjectNode tree = JsonFiles.json().valueToTree(ManifestDesignTest.plain());
        tree.set("redis", JsonFiles.json().valueToTree(new Manifest.RedisInfo("external", "redis-cluster://h:1", "7.0",
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "none", Optional.empty(),
                cluster)));
        return JsonFiles.json().treeToValue(tree, Manifest.class);
    }

    private static Optional<Manifest.Cluster> masters(int n) {
        List<String> nodes = java.util.stream.IntStream.range(0, n).mapToObj(i -> "h:" + (7000 + i)).toList();
        return Optional.of(new Manifest.Cluster(List.of("h:7000"), n, nodes));
    }

    @Test
    void clusterAgainstStandaloneOrAnotherSizeIsAMismatchEvenForADeclaredTarget() throws Exception {
        List<LikeWithLike.Mismatch> m = LikeWithLike.check(run(Optional.empty()), run(masters(3)),
                Set.of(LikeWithLike.Variable.REDIS_TARGET));
        assertEquals(1, m.size(), m.toString());
        assertEquals("redis topology", m.get(0).item());
        assertEquals("standalone", m.get(0).baseline());
        assertEquals("cluster of 3 masters", m.get(0).candidate());
        assertEquals(1, LikeWithLike.check(run(masters(3)), run(masters(5)), Set.of()).size());
        assertTrue(LikeWithLike.check(run(masters(3)), run(masters(3)), Set.of()).isEmpty());
    }

    @Test
    void theClusterSectionRoundTripsAndOlderManifestsReadAsStandalone() throws Exception {
        Manifest m = run(masters(3));
        Manifest back = JsonFiles.json().readValue(JsonFiles.json().writeValueAsString(m), Manifest.class);
        assertEquals(m.redis().cluster(), back.redis().cluster());
        Manifest plain = JsonFiles.json().readValue(JsonFiles.json().writeValueAsString(run(Optional.empty())), Manifest.class);
        assertEquals("standalone", plain.redis().topology());
        assertTrue(!JsonFiles.json().writeValueAsString(run(Optional.empty())).contains("cluster\":"),
                "a one-server manifest has no cluster field");
    }
}
