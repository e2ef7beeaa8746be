package dev.tailgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The --inject grammar: what it accepts, what it reads back, and one-line refusals naming the option. */
class InjectionTest {

    @Test
    void readsEveryCallAndFractionSpecs() {
        assertEquals(new Injection(5_000, 1), Injection.parse("--inject", "spin:5us"));
        assertEquals(new Injection(5_000, 1), Injection.parse("--inject", "spin:5µs"));
        assertEquals(new Injection(1_000_000, 0.01), Injection.parse("--inject", "spin:1ms@0.01"));
        assertEquals(new Injection(250, 1), Injection.parse("--inject", " spin:250ns "));
        assertEquals(new Injection(1_500, 0.5), Injection.parse("--inject", "spin:1.5us@0.5"));
        assertEquals(new Injection(200_000, 1), Injection.parse("--inject", "spin:0.2ms@1"));
    }

    @Test
    void theCanonicalSpecReadsBackAndTheDescriptionSaysWhatSpins() {
        for (String s : List.of("spin:5us", "spin:1ms@0.01", "spin:250ns", "spin:1500ns@0.5")) {
            Injection i = Injection.parse("--inject", s);
            assertEquals(s, i.spec());
            assertEquals(i, Injection.parse("--inject", i.spec()));
        }
        assertEquals("spin 5 µs on every call", Injection.parse("x", "spin:5us").describe());
        assertEquals("spin 1000 µs on 1% of calls", Injection.parse("x", "spin:1ms@0.01").describe());
        assertEquals("spin 5 µs on 7% of calls", Injection.parse("x", "spin:5us@0.07").describe());
    }

    @Test
    void refusesBadSpecsInOneLineNamingTheOption() {
        for (String bad : List.of("", "spin", "spin:", "spin:5", "spin:5s", "spin:-5us", "sleep:5us", "spin:0us",
                "spin:0.5ns", "spin:1001ms", "spin:5us@0", "spin:5us@1.5", "spin:5us@", "spin:5us@abc",
                "spin:5us@NaN", "spin:5 us", "SPIN:5us")) {
            BadInputException e = assertThrows(BadInputException.class, () -> Injection.parse("--inject", bad), bad);
            assertTrue(e.getMessage().startsWith("--inject "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
