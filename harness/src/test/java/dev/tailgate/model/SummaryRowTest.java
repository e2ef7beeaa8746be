package dev.tailgate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SummaryRowTest {
    @Test
    void theSampleCountRuleIsExactAtTheUsualPercentiles() {
        // 100 / (1 - p): binary floating point alone gives 100,001 for p99.9
        assertEquals(200, SummaryRow.minSamplesFor(50));
        assertEquals(10_000, SummaryRow.minSamplesFor(99));
        assertEquals(100_000, SummaryRow.minSamplesFor(99.9));
        assertEquals(1_000_000, SummaryRow.minSamplesFor(99.99));
        assertEquals(10_000_000, SummaryRow.minSamplesFor(99.999));
        assertEquals(286, SummaryRow.minSamplesFor(65)); // 285.71...: rounded up, not down
    }
}
