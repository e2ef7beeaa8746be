package dev.tailgate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.model.CorePlan;
import dev.tailgate.store.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PinningCheckTest {
    private static final CorePlan PLAN = CorePlan.decide(true, List.of(0, 1), List.of());

    private static Manifest.PinningRecord rec(String role, String outcome) {
        return rec(role, outcome, 1);
    }

    private static Manifest.PinningRecord rec(String role, String outcome, int requestedCpu) {
        return new Manifest.PinningRecord("b.B.m", Map.of(), role, "t", 1L, requestedCpu, "AffinityLock", 1, true,
                "LinuxJNAAffinity", "1", outcome, "BOUND".equals(outcome) ? null : "allowed 0-1", "RESP2");
    }

    @Test
    void allBoundIsBound() {
        assertEquals("BOUND", PinningCheck.decide(List.of(rec("client", "BOUND"), rec("echo-server", "BOUND")), PLAN).outcome());
    }

    @Test
    void oneClientNotBoundFailsAndSaysWhich() {
        Manifest.Pinning p = PinningCheck.decide(List.of(rec("client", "BOUND"), rec("client", "NOT_BOUND")), PLAN);
        assertEquals("FAILED", p.outcome());
        assertTrue(p.summary().startsWith("PINNING FAILED for 1 of 2"), p.summary());
    }

    @Test
    void ioThreadOfClientLibraryDoesNotFailPinning() {
        Manifest.Pinning p = PinningCheck.decide(List.of(rec("client", "BOUND"), rec("io-thread", "NOT_BOUND")), PLAN);
        assertEquals("BOUND", p.outcome());
        assertTrue(p.summary().contains("1 client-library I/O threads not pinned"), p.summary());
    }

    @Test
    void hiccupMeterCountsOnlyWhenAServerCpuWasPlannedForIt() {
        assertEquals("BOUND", PinningCheck.decide(List.of(rec("client", "BOUND"), rec("hiccup-meter", "NOT_BOUND", -1)),
                PLAN).outcome());
        assertEquals("FAILED", PinningCheck.decide(List.of(rec("client", "BOUND"), rec("hiccup-meter", "NOT_BOUND", 0)),
                PLAN).outcome());
    }

    @Test
    void oneWayReceiverCountsOnlyWhenAClientCpuWasPlannedForIt() {
        Manifest.Pinning unplanned = PinningCheck.decide(List.of(rec("client", "BOUND"), rec("consumer", "NOT_BOUND", -1)),
                PLAN);
        assertEquals("BOUND", unplanned.outcome());
        assertTrue(unplanned.summary().contains("1 consumer threads not pinned"), unplanned.summary());
        assertEquals("FAILED", PinningCheck.decide(List.of(rec("client", "BOUND"), rec("consumer", "NOT_BOUND", 1)),
                PLAN).outcome());
    }

    @Test
    void noRecordsIsUnknownNeverBound() {
        assertEquals("UNKNOWN", PinningCheck.decide(List.of(), PLAN).outcome());
    }

    @Test
    void unsupportedPlatformIsFailedNotBound() {
        assertEquals("FAILED", PinningCheck.decide(List.of(rec("client", "UNSUPPORTED")), PLAN).outcome());
    }

    @Test
    void noPinIsDisabled() {
        assertEquals("DISABLED", PinningCheck.decide(List.of(rec("client", "DISABLED")),
                CorePlan.decide(false, List.of(0, 1), List.of())).outcome());
    }

    @Test
    void redisServerOffItsPlannedCpuFailsPinning() {
        Manifest.PinningRecord on = PinningCheck.serverRecord(42, java.util.Optional.of(List.of(0)), PLAN);
        Manifest.PinningRecord off = PinningCheck.serverRecord(42, java.util.Optional.of(List.of(0, 1)), PLAN);
        assertEquals("BOUND", on.outcome());
        assertEquals("NOT_BOUND", off.outcome());
        assertTrue(off.reason().contains("allowed on 0-1"), off.reason());
        assertEquals("BOUND", PinningCheck.decide(List.of(rec("client", "BOUND"), on), PLAN).outcome());
        assertEquals("FAILED", PinningCheck.decide(List.of(rec("client", "BOUND"), off), PLAN).outcome());
        assertEquals("UNSUPPORTED", PinningCheck.serverRecord(42, java.util.Optional.empty(), PLAN).outcome());
    }
}
