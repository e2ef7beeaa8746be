package dev.tailgate.bench.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fork's arms as the harness describes them in system properties. */
class ForkArmsTest {

    private static ForkArms arms(Map<String, String> props) {
        return ForkArms.from(props::get);
    }

    @Test
    void withoutAlternationThereIsOneArmWithItsInjection() {
        ForkArms f = arms(Map.of("tailgate.redis.port", "7000", "tailgate.inject.spinNanos", "5000",
                "tailgate.inject.fraction", "0.25"));
        assertFalse(f.alternating());
        assertEquals(7000, f.arms().get(0).config().redisPort());
        assertEquals(5000, f.arms().get(0).spinNanos());
        assertEquals(0.25, f.arms().get(0).fraction());
        assertEquals(0, f.armOf(3));
    }

    @Test
    void armBTakesOnlyItsOwnConnectionSettings() {
        ForkArms f = arms(Map.of("tailgate.redis.port", "7000", "tailgate.redis.user", "a-user",
                "tailgate.redis.passwordFile", "/a/pw", "tailgate.keyPrefix", "p:",
                "tailgate.alternate", "ABBA", "tailgate.redis.alt.port", "7001",
                "tailgate.inject.alt.spinNanos", "200000"));
        assertTrue(f.alternating());
        BenchConfig b = f.arms().get(1).config();
        assertEquals(7001, b.redisPort());
        assertTrue(b.redisUser().isEmpty(), "arm A's user must not reach arm B's server");
        assertTrue(b.passwordFile().isEmpty(), "arm A's password must not reach arm B's server");
        assertEquals("p:", b.keyPrefix(), "the rest is shared");
        assertEquals(0, f.arms().get(0).spinNanos());
        assertEquals(200_000, f.arms().get(1).spinNanos());
        assertEquals(1.0, f.arms().get(1).fraction());
    }

    @Test
    void iterationsFollowThePatternAndRoundsHoldBothArms() {
        ForkArms f = arms(Map.of("tailgate.alternate", "ABBA", "tailgate.redis.alt.port", "7001"));
        List<Integer> seq = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seq.add(f.armOf(i));
        }
        assertEquals(List.of(0, 1, 1, 0, 0, 1, 1, 0), seq);
    }

    @Test
    void halfGivenOrMalformedAlternationIsRefusedNamingTheProperty() {
        String noPort = assertThrows(IllegalArgumentException.class,
                () -> arms(Map.of("tailgate.alternate", "ABBA"))).getMessage();
        assertTrue(noPort.contains("tailgate.redis.alt.port"), noPort);
        String orphan = assertThrows(IllegalArgumentException.class,
                () -> arms(Map.of("tailgate.inject.alt.spinNanos", "5"))).getMessage();
        assertTrue(orphan.startsWith("tailgate.inject.alt.spinNanos"), orphan);
        for (String bad : List.of("AABB", "ABA", "ABC", "A")) {
            String m = assertThrows(IllegalArgumentException.class,
                    () -> arms(Map.of("tailgate.alternate", bad, "tailgate.redis.alt.port", "1"))).getMessage();
            assertTrue(m.startsWith("tailgate.alternate"), m);
        }
        assertThrows(IllegalArgumentException.class, () -> arms(Map.of("tailgate.inject.spinNanos", "-3")));
        assertThrows(IllegalArgumentException.class, () -> arms(Map.of("tailgate.inject.fraction", "2")));
    }

    @Test
    void oneArmBenchmarksRefuseAnAlternatedFork() {
        ForkArms.requireOneArm("TcpPingPong");
        System.setProperty(ForkArms.ALTERNATE, "ABBA");
        try {
            String m = assertThrows(IllegalStateException.class, () -> ForkArms.requireOneArm("TcpPingPong")).getMessage();
            assertTrue(m.startsWith("TcpPingPong: tailgate.alternate=ABBA is set, but this benchmark measures one arm"), m);
        } finally {
            System.clearProperty(ForkArms.ALTERNATE);
        }
    }
}
