package dev.tailgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.bench.support.AllowedCpus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorePlanTest {

    @Test
    void isolatedCpusComeFirst() {
        CorePlan p = CorePlan.decide(true, List.of(0, 1, 2, 3, 4, 5), List.of(3, 4, 5));
        assertEquals("isolated", p.source());
        assertEquals(Optional.of(3), p.serverCpu());
        assertEquals(List.of(5, 4), p.clientCpus());
        assertTrue(p.notes().isEmpty());
    }

    @Test
    void twoCoreMachineWithoutIsolationPutsServerOnZeroClientsOnOne() {
        CorePlan p = CorePlan.decide(true, List.of(0, 1), List.of());
        assertEquals("available", p.source());
        assertEquals(Optional.of(0), p.serverCpu());
        assertEquals(List.of(1), p.clientCpus());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("no isolated CPUs")));
    }

    @Test
    void singleIsolatedCpuFallsBackToAvailable() {
        CorePlan p = CorePlan.decide(true, List.of(0, 1, 2, 3), List.of(3));
        assertEquals("available", p.source());
        assertTrue(p.notes().get(0).contains("fewer than 2"));
    }

    @Test
    void isolatedCpusOutsideOurAffinityAreIgnored() {
        CorePlan p = CorePlan.decide(true, List.of(0, 1), List.of(2, 3));
        assertEquals("available", p.source());
    }

    @Test
    void oneCpuIsShared() {
        CorePlan p = CorePlan.decide(true, List.of(0), List.of());
        assertEquals(Optional.of(0), p.serverCpu());
        assertEquals(List.of(0), p.clientCpus());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("share")));
    }

    @Test
    void noPinRecordsButPinsNothing() {
        CorePlan p = CorePlan.decide(false, List.of(0, 1), List.of());
        assertFalse(p.pin());
        assertEquals(Optional.empty(), p.serverCpu());
        assertTrue(p.clientCpus().isEmpty());
    }

    @Test
    void cpuListRoundTrips() {
        assertEquals(List.of(0, 1, 2, 5, 7, 8), AllowedCpus.parseList("0-2,5,7-8\n"));
        assertEquals("0-2,5,7-8", AllowedCpus.format(List.of(8, 7, 5, 2, 1, 0)));
        assertEquals(List.of(), AllowedCpus.parseList(""));
    }
}
