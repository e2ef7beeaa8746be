package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the cluster check says about its masters, without a server. */
class ClusterCheckTest {
    private static ClusterCheck.Found found(Map<String, String> versions) {
        return new ClusterCheck.Found("7.0.15", List.copyOf(new java.util.TreeSet<>(versions.keySet())),
                Map.of("127.0.0.1:7000", new BitSet()), versions);
    }

    @Test
    void mastersOfOneVersionAreNotAFinding() {
        assertEquals(Optional.empty(), found(Map.of("127.0.0.1:7000", "7.0.15", "127.0.0.1:7001", "7.0.15")).mixedVersions());
    }

    @Test
    void mastersOfDifferentVersionsAreNamedInHostPortOrder() {
        assertEquals(Optional.of("masters run different Redis versions: 127.0.0.1:7000 7.0.15, 127.0.0.1:7001 7.2.4,"
                        + " 127.0.0.1:7002 7.0.15"),
                found(Map.of("127.0.0.1:7002", "7.0.15", "127.0.0.1:7001", "7.2.4", "127.0.0.1:7000", "7.0.15"))
                        .mixedVersions());
    }
}
