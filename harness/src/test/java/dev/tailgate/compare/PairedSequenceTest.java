package dev.tailgate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The adaptive A/B's look bookkeeping, on the regime-switching host model with known effects. */
class PairedSequenceTest {

    private static CompareConfig config(long seed) {
        return CompareConfig.defaults(seed).withResamples(400);
    }

    private static List<PairedInput> data(RegimeHost.Effect effect, int rounds, long seed) {
        return List.of(RegimeHost.generate(RegimeHost.Layout.iterationRounds(rounds), effect, new SplittableRandom(seed)));
    }

    @Test
    void aFixedDesignLooksOnceAtItsRoundsAndNotBefore() {
        PairedSequence seq = PairedSequence.fixed(8, config(1));
        List<PairedInput> d = data(RegimeHost.Effect.NONE, 8, 1);
        assertEquals(List.of(), seq.lookAt(d, 4), "no look is due before 8 rounds");
        assertFalse(seq.stopped());
        List<PairedLook> looks = seq.lookAt(d, 8);
        assertEquals(1, looks.size());
        assertEquals(8, looks.get(0).look().rounds());
        assertTrue(looks.get(0).finalLook() && seq.stopped());
    }

    @Test
    void roundsArrivingInBulkTakeEveryDueLookInOrderOnItsOwnRounds() {
        PairedSequence seq = PairedSequence.budgeted(config(2), LookSchedule.Spending.OBRIEN_FLEMING);
        seq.plan(60, 1.0);
        List<Integer> points = seq.schedule().looks().stream().map(LookSchedule.Look::rounds).toList();
        assertEquals(List.of(4, 6, 8, 12, 16, 24, 32, 48, 60), points);
        List<PairedInput> d = data(RegimeHost.Effect.NONE, 12, 2);
        List<PairedLook> looks = seq.lookAt(d, 12);
        assertTrue(looks.size() >= 1 && looks.size() <= 4, looks.size() + " looks");
        for (int k = 0; k < looks.size(); k++) {
            assertEquals(points.get(k), looks.get(k).look().rounds(), "look " + k + " sees exactly its own rounds");
            assertEquals(k, looks.get(k).index());
        }
    }

    /**
     * p50 alone gates, so a tail check too small to judge does not hold the sequence open: a
     * tripled latency stops it at the first look that can tell, long before the last one, and
     * no look after it is taken.
     */
    @Test
    void aHugeShiftStopsAtTheFirstLookThatDecidesIt() {
        CompareConfig p50Only = new CompareConfig(Margins.defaults(), 0.05, 0.95, 400, 3, 100, 3,
                java.util.EnumSet.of(ComparedStatistic.P50), CompareConfig.DEFAULT_EARLY_LOOK);
        PairedSequence seq = PairedSequence.budgeted(p50Only, LookSchedule.Spending.OBRIEN_FLEMING);
        seq.plan(120, 1.0);
        List<PairedLook> looks = seq.lookAt(data(RegimeHost.Effect.scale("x3", 3.0), 32, 3), 32);
        assertTrue(seq.stopped());
        PairedLook last = looks.get(looks.size() - 1);
        assertTrue(last.look().rounds() < seq.maxRounds(), "stopped at " + last.look().rounds());
        assertTrue(last.results().stream().anyMatch(r -> r.gating() && r.classification() == Classification.REGRESSION),
                last.results().toString());
        for (PairedLook l : looks.subList(0, looks.size() - 1)) {
            assertFalse(l.stop(), "an earlier look that said stop would have ended the sequence");
        }
    }

    @Test
    void theClosingLookSpendsWhatTheTakenLooksLeft() {
        CompareConfig cfg = config(4);
        PairedSequence seq = PairedSequence.budgeted(cfg, LookSchedule.Spending.OBRIEN_FLEMING);
        seq.plan(600, 1.0);
        List<PairedInput> d = data(RegimeHost.Effect.NONE, 10, 4);
        List<PairedLook> taken = seq.lookAt(d, 10);
        if (seq.stopped()) {
            return; // decided already: nothing left to close (checked by the other tests)
        }
        double spent = taken.stream().mapToDouble(l -> l.look().level()).sum();
        PairedLook closing = seq.close(d, 10);
        assertTrue(seq.stopped() && closing.finalLook());
        assertEquals(10, closing.look().rounds());
        assertEquals(cfg.alpha() / 2 - spent, closing.look().level(), 1e-12,
                "the looks taken and the closing look spend alpha/2 per direction in all");
    }

    @Test
    void aScheduleIsFixedOnceAndNeededBeforeLooking() {
        PairedSequence seq = PairedSequence.budgeted(config(5), LookSchedule.Spending.OBRIEN_FLEMING);
        assertThrows(IllegalStateException.class, () -> seq.lookAt(data(RegimeHost.Effect.NONE, 4, 5), 4));
        seq.plan(60, 1.0);
        assertThrows(IllegalStateException.class, () -> seq.plan(60, 1.0));
    }

    /**
     * --fail-fast ends the sequence at the first look with a gating REGRESSION; without it the
     * same data, looked at on the same schedule, may go on for the tail. Up to that look both
     * see the same looks, so fail-fast changes when the A/B ends, never what a look found.
     */
    @Test
    void failFastStopsAtTheFirstLookWithARegression() {
        List<PairedInput> d = data(RegimeHost.Effect.scale("x1.3", 1.3), 60, 4);
        PairedSequence waits = PairedSequence.budgeted(config(4), LookSchedule.Spending.OBRIEN_FLEMING);
        waits.plan(60, 1.0);
        PairedSequence fast = PairedSequence.budgeted(config(4), LookSchedule.Spending.OBRIEN_FLEMING).failFast(true);
        fast.plan(60, 1.0);
        List<PairedLook> all = waits.lookAt(d, 60);
        List<PairedLook> early = fast.lookAt(d, 60);
        int first = 0;
        while (first < all.size() && !all.get(first).failed()) {
            first++;
        }
        assertTrue(first < all.size(), "a 30% shift is a REGRESSION at some look");
        assertTrue(fast.stopped());
        assertEquals(first + 1, early.size(), "fail-fast stops at the first failing look");
        for (int k = 0; k < early.size(); k++) {
            assertEquals(all.get(k).results(), early.get(k).results(), "look " + k);
        }
    }
}
