package dev.tailgate.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.redis.RedisTarget;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster's fingerprint from its masters': shared values kept, differing ones named per
 * master, instance locations ignored; per-master items are INFO for drift; and a fingerprint
 * written before clusters were fingerprinted per master still reads.
 */
class ClusterFingerprintTest {
    private static final RedisTarget CLUSTER = RedisTarget.parse("redis-cluster://127.0.0.1:7000");

    private static Fingerprint.Redis node(int port, String version, Map<String, String> config) {
        SortedMap<String, String> c = new TreeMap<>(Map.of("port", Integer.toString(port), "dir", "/tmp/node-" + port,
                "hz", "10"));
        c.putAll(config);
        return new Fingerprint.Redis(Item.of("redis://127.0.0.1:" + port + "/0"), Item.of(version),
                Item.of("run-" + port), new TreeMap<>(Map.of("redis_version", version, "os", "Linux")),
                Item.of(dev.tailgate.redis.Redaction.hashConfig(c)), c, Item.of("0-1"), Item.of("none"));
    }

    private static SortedMap<String, Fingerprint.Redis> nodes(Fingerprint.Redis... rs) {
        SortedMap<String, Fingerprint.Redis> out = new TreeMap<>();
        for (Fingerprint.Redis r : rs) {
            out.put(r.target().valueOrNull().replace("redis://", "").replace("/0", ""), r);
        }
        return out;
    }

    @Test
    void mastersThatAgreeMakeTheClusterReadLikeOneServerWithoutInstanceLocations() {
        SortedMap<String, Fingerprint.Redis> n = nodes(node(7000, "7.0.15", Map.of()), node(7001, "7.0.15", Map.of()),
                node(7002, "7.0.15", Map.of()));
        Fingerprint.Redis c = ClusterFingerprint.combine(CLUSTER, n);
        assertEquals(Item.of("redis-cluster://127.0.0.1:7000"), c.target());
        assertEquals(Item.of("7.0.15"), c.version());
        assertEquals(n.get("127.0.0.1:7000").configHash(), c.configHash(), "port and dir are not how a master behaves");
        assertEquals(Map.of("hz", "10"), c.config());
        assertEquals(Map.of("redis_version", "7.0.15", "os", "Linux"), c.info());
        assertFalse(c.runId().present());
        assertEquals(List.of(), ClusterFingerprint.differences(n));
    }

    @Test
    void whatTheMastersDoNotShareIsNamedPerMaster() {
        SortedMap<String, Fingerprint.Redis> n = nodes(node(7000, "7.0.15", Map.of()),
                node(7001, "7.2.4", Map.of("maxmemory", "100mb")), node(7002, "7.0.15", Map.of()));
        Fingerprint.Redis c = ClusterFingerprint.combine(CLUSTER, n);
        assertEquals(Item.of("differs across masters: 127.0.0.1:7000 7.0.15; 127.0.0.1:7001 7.2.4; 127.0.0.1:7002 7.0.15"),
                c.version());
        assertTrue(c.configHash().valueOrNull().startsWith("differs across masters: 127.0.0.1:7000 "), c.configHash().toString());
        assertFalse(c.config().containsKey("maxmemory"));
        List<String> d = ClusterFingerprint.differences(n);
        assertEquals(List.of(
                "version differs across masters: 127.0.0.1:7000 7.0.15; 127.0.0.1:7001 7.2.4; 127.0.0.1:7002 7.0.15",
                "config differs across masters in 1 key(s): maxmemory (127.0.0.1:7000 <none>; 127.0.0.1:7001 100mb;"
                        + " 127.0.0.1:7002 <none>)",
                "INFO server differs across masters in 1 key(s): redis_version (127.0.0.1:7000 7.0.15; 127.0.0.1:7001 7.2.4;"
                        + " 127.0.0.1:7002 7.0.15)"), d);
    }

    @Test
    void manyDifferingKeysAreCountedBeyondTheFirstFew() {
        Map<String, String> many = new TreeMap<>();
        for (int i = 0; i < ClusterFingerprint.MAX_KEYS_NAMED + 3; i++) {
            many.put("k" + i, "v");
        }
        List<String> d = ClusterFingerprint.differences(nodes(node(7000, "7", Map.of()), node(7001, "7", many)));
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("config differs across masters in " + (ClusterFingerprint.MAX_KEYS_NAMED + 3)
                + " key(s): k0 ("), d.get(0));
        assertTrue(d.get(0).endsWith(" and 3 more (see redisNodes in the JSON)"), d.get(0));
    }

    @Test
    void eachMastersItemsAreInformationForDriftAndTheRunIdIsNotCompared(@TempDir Path tmp) {
        SortedMap<String, Fingerprint.Redis> n = nodes(node(7000, "7.0.15", Map.of()), node(7001, "7.0.15", Map.of()));
        Fingerprint f = withNodes(FingerprintCapture.capture(Optional.empty(), FingerprintCapture.Options.standalone(),
                Instant.EPOCH), ClusterFingerprint.combine(CLUSTER, n), n);
        assertTrue(f.items().containsKey("redisNodes.127.0.0.1:7001.version"), f.items().keySet().toString());
        assertTrue(f.items().containsKey("redisNodes.127.0.0.1:7001.config.hz"), f.items().keySet().toString());
        assertFalse(f.items().containsKey("redisNodes.127.0.0.1:7001.runId"));
        assertEquals(Severity.INFO, Drift.classify("redisNodes.127.0.0.1:7001.version"));

        SortedMap<String, Fingerprint.Redis> moved = nodes(node(7000, "7.0.15", Map.of()), node(7001, "7.2.4", Map.of()));
        Fingerprint g = withNodes(f, ClusterFingerprint.combine(CLUSTER, moved), moved);
        List<Drift.Difference> d = Drift.compare(f, g);
        assertTrue(d.stream().anyMatch(x -> x.item().equals("redis.version") && x.severity() == Severity.CRITICAL), d.toString());
    }

    @Test
    void aFingerprintWithoutRedisNodesStillReadsAndNodesRoundTrip(@TempDir Path tmp) throws Exception {
        Fingerprint plain = FingerprintCapture.capture(Optional.empty(), FingerprintCapture.Options.standalone(), Instant.EPOCH);
        ObjectMapper json = new ObjectMapper();
        ObjectNode old = (ObjectNode) json.readTree(FingerprintJson.toJson(plain));
        assertTrue(old.has(Fingerprint.REDIS_NODES));
        old.remove(Fingerprint.REDIS_NODES);
        Path file = tmp.resolve("old.json");
        json.writeValue(file.toFile(), old);
        Fingerprint read = FingerprintJson.read(file);
        assertEquals(Map.of(), read.redisNodes());
        assertEquals(plain.items(), read.items());

        SortedMap<String, Fingerprint.Redis> n = nodes(node(7000, "7.0.15", Map.of()), node(7001, "7.0.15", Map.of()));
        Fingerprint cluster = withNodes(plain, ClusterFingerprint.combine(CLUSTER, n), n);
        Path out = tmp.resolve("cluster.json");
        FingerprintJson.write(cluster, out);
        assertEquals(n, FingerprintJson.read(out).redisNodes());
    }

    private static Fingerprint withNodes(Fingerprint f, Fingerprint.Redis redis, SortedMap<String, Fingerprint.Redis> nodes) {
        return new Fingerprint(f.schema(), f.capturedAt(), f.os(), f.boot(), f.isolation(), f.cpu(), f.memory(), f.irq(),
                f.network(), f.virtualisation(), f.jvm(), f.clients(), redis, nodes);
    }
}
