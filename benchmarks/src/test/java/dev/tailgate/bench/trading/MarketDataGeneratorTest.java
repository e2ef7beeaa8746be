package dev.tailgate.bench.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's promises: determinism and distributions within known bounds, over several seeds. */
class MarketDataGeneratorTest {
    private static final int SYMBOLS = 100;
    private static final int EVENTS = 200_000;

    private static List<MarketEvent> all(GeneratorConfig c) {
        List<MarketEvent> out = new ArrayList<>();
        new MarketDataGenerator(c).forEachRemaining(out::add);
        return out;
    }

    @Test
    void sameSeedSameEventsDifferentSeedDifferent() {
        assertEquals(all(GeneratorConfig.of(20, 5_000, 42)), all(GeneratorConfig.of(20, 5_000, 42)));
        assertNotEquals(all(GeneratorConfig.of(20, 5_000, 42)), all(GeneratorConfig.of(20, 5_000, 43)));
    }

    @Test
    void symbolsAreNamedByRankWithFixedWidth() {
        assertEquals("SYM0001", GeneratorConfig.of(20, 1, 1).symbolName(1));
        assertEquals("SYM0020", GeneratorConfig.of(20, 1, 1).symbolName(20));
        assertEquals("SYM00007", GeneratorConfig.of(12_000, 1, 1).symbolName(7));
    }

    /**
     * Zipf with s = 1.1 over 100 symbols gives rank 1 a share of 1/H(100, 1.1) ~ 23.4%. With
     * 200,000 draws the binomial standard error is ~0.1 percentage point, so 5% relative
     * tolerance is ~10 standard errors: it fails on a wrong exponent or a broken sampler only.
     */
    @Test
    void topSymbolShareMatchesZipfExpectation() {
        for (long seed = 1; seed <= 4; seed++) {
            MarketDataGenerator g = new MarketDataGenerator(GeneratorConfig.of(SYMBOLS, EVENTS, seed));
            long[] counts = new long[SYMBOLS + 1];
            while (g.hasNext()) {
                counts[Integer.parseInt(g.next().symbol().substring(3))]++;
            }
            double harmonic = 0;
            for (int k = 1; k <= SYMBOLS; k++) {
                harmonic += Math.pow(k, -GeneratorConfig.DEFAULT_ZIPF_EXPONENT);
            }
            double expected = 1.0 / harmonic;
            double actual = (double) counts[1] / EVENTS;
            assertEquals(expected, g.popularity().probability(1), 1e-9, "sampler table vs closed form");
            assertEquals(expected, actual, expected * 0.05, "seed " + seed + ": top symbol share");
            assertTrue(counts[1] > counts[2] && counts[2] > counts[10] && counts[10] > counts[100],
                    "seed " + seed + ": popularity must fall with rank");
        }
    }

    /**
     * Open and close windows (first and last 5% of the session) run at 10x, mid-session at 1x
     * plus 2% of slots at 5x (~1.08x on average): the expected ratio is ~9.3, the test asks >= 5.
     */
    @Test
    void openAndCloseBurstsAreAtLeastFiveTimesMidSession() {
        for (long seed = 1; seed <= 4; seed++) {
            GeneratorConfig c = GeneratorConfig.of(SYMBOLS, EVENTS, seed);
            long start = c.sessionStartNanos();
            long edge = c.sessionNanos() / 20;
            long open = 0;
            long mid = 0;
            long close = 0;
            long prevTs = Long.MIN_VALUE;
            for (MarketEvent e : all(c)) {
                long ts = e.exchangeTimestampNanos();
                assertTrue(ts >= prevTs, "seed " + seed + ": timestamps must not decrease");
                prevTs = ts;
                long off = ts - start;
                if (off < edge) {
                    open++;
                } else if (off < c.sessionNanos() - edge) {
                    mid++;
                } else {
                    close++;
                }
                if (e instanceof Tick t) {
                    assertTrue(t.bidCents() < t.askCents(), "bid < ask");
                }
                if (e instanceof Trade t) {
                    assertTrue(t.priceCents() > 0);
                }
            }
            double midRate = mid / 18.0;
            assertTrue(open >= 5 * midRate, "seed " + seed + ": open " + open + " vs mid per 5% " + midRate);
            assertTrue(close >= 5 * midRate, "seed " + seed + ": close " + close + " vs mid per 5% " + midRate);
            assertTrue(prevTs - start < c.sessionNanos() * 1.01, "events should end near the session end");
        }
    }

    @Test
    void payloadTicksAreDeterministicAndSpreadInTime() {
        List<Tick> a = MarketDataGenerator.ticks(GeneratorConfig.of(100, 1, 7), 4096);
        assertEquals(4096, a.size());
        assertEquals(a, MarketDataGenerator.ticks(GeneratorConfig.of(100, 1, 7), 4096));
        assertTrue(a.get(4095).exchangeTimestampNanos() - a.get(0).exchangeTimestampNanos()
                > GeneratorConfig.DEFAULT_SESSION_NANOS / 2, "payload ticks span the session");
    }

    @Test
    void mixIsSixtyThirtyTen() {
        long ticks = all(GeneratorConfig.of(10, 50_000, 9)).stream().filter(e -> e instanceof Tick).count();
        assertEquals(0.6, ticks / 50_000.0, 0.02);
    }

    @Test
    void tradesFillOnlyOrdersTheyHaveSeenRest() {
        List<Long> limitIds = new ArrayList<>();
        for (MarketEvent e : all(GeneratorConfig.of(5, 20_000, 3))) {
            if (e instanceof Order o && o.type() == Order.Type.LIMIT) {
                limitIds.add(o.id());
            }
            if (e instanceof Trade t) {
                assertTrue(t.buyOrderId() == 0 || limitIds.contains(t.buyOrderId()));
                assertTrue(t.sellOrderId() == 0 || limitIds.contains(t.sellOrderId()));
            }
        }
    }
}
