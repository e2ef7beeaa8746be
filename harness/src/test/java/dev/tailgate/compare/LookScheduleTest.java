package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LookScheduleTest {

    private static List<Integer> rounds(LookSchedule s) {
        return s.looks().stream().map(LookSchedule.Look::rounds).toList();
    }

    @Test
    void standardPointsUpToTheMaximum() {
        assertEquals(List.of(4, 6, 8, 12, 16, 24, 32, 48, 64),
                rounds(LookSchedule.standard(64, 0.05, LookSchedule.Spending.OBRIEN_FLEMING)));
        assertEquals(List.of(4, 6, 8, 12, 16, 24, 33),
                rounds(LookSchedule.standard(33, 0.05, LookSchedule.Spending.OBRIEN_FLEMING)));
        assertEquals(List.of(3), rounds(LookSchedule.standard(3, 0.05, LookSchedule.Spending.POCOCK)));
        assertEquals(List.of(4, 6, 8, 12, 16, 24, 32, 40),
                rounds(LookSchedule.forBudget(600, 15, 0.05, LookSchedule.Spending.POCOCK)));
    }

    @Test
    void everySpendingSpendsHalfOfAlphaPerDirectionInAll() {
        for (LookSchedule.Spending s : LookSchedule.Spending.values()) {
            LookSchedule schedule = LookSchedule.standard(64, 0.05, s);
            double sum = schedule.looks().stream().mapToDouble(LookSchedule.Look::level).sum();
            assertEquals(0.025, sum, 1e-12, s.name());
            assertEquals(0.025, schedule.last().spent(), 0, s.name());
            assertTrue(schedule.looks().stream().allMatch(l -> l.level() > 0), s.name());
        }
    }

    @Test
    void obrienFlemingSpendsAlmostNothingEarlyAndPocockMore() {
        LookSchedule obf = LookSchedule.standard(64, 0.05, LookSchedule.Spending.OBRIEN_FLEMING);
        LookSchedule pocock = LookSchedule.standard(64, 0.05, LookSchedule.Spending.POCOCK);
        // O'Brien-Fleming at t = 1/2: 2 (1 - Φ(2.2414 / sqrt(1/2))) = 0.001525
        assertEquals(0.001525, obf.look(obf.indexOf(32)).spent(), 2e-6);
        assertTrue(obf.look(0).level() < 1e-12, "first look at 4 of 64 rounds: " + obf.look(0).level());
        // Pocock at t = 1/2: 0.025 ln(1 + (e - 1)/2) = 0.015503
        assertEquals(0.015503, pocock.look(pocock.indexOf(32)).spent(), 2e-6);
        assertTrue(obf.last().level() > pocock.last().level());
        for (int k = 1; k < obf.size(); k++) {
            assertTrue(obf.look(k).spent() > obf.look(k - 1).spent());
        }
    }

    @Test
    void refusals() {
        assertThrows(IllegalArgumentException.class, () -> LookSchedule.standard(1, 0.05, LookSchedule.Spending.POCOCK));
        assertThrows(IllegalArgumentException.class, () -> LookSchedule.of(new int[] {4, 4}, 0.05, LookSchedule.Spending.POCOCK));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LookSchedule.forBudget(20, 15, 0.05, LookSchedule.Spending.POCOCK));
        assertEquals("a budget of 20 s holds 1 rounds of 15.0 s; a paired comparison needs at least 2", e.getMessage());
    }
}
