package dev.tailgate.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic drafts for tests and the verify benchmark: a gate decision with a few checks. */
final class TestDrafts {
    static final Instant T0 = Instant.parse("2026-11-25T22:00:00Z");

    private TestDrafts() {
    }

    static LedgerEntryDraft gate(int i, String decision, String writer) {
        return gate(i, decision, writer, 3);
    }

    static LedgerEntryDraft gate(int i, String decision, String writer, int checkCount) {
        List<CheckSummary> checks = java.util.stream.IntStream.range(0, checkCount)
                .mapToObj(c -> new CheckSummary("JedisGetRoundTripBenchmark.get#" + c + " p99.9",
                        c == 0 ? decision : "PASS",
                        "observed 41.2us, 95% upper bound 44.0us, limit 250us, 120000 samples"))
                .toList();
        return new LedgerEntryDraft(T0.plusSeconds(i), "gate", decision, checks,
                Map.of("jmh.json", hex(i, 'a'), "manifest.json", hex(i, 'b'),
                        "thresholds/defaults.yaml", hex(0, 'c'),
                        "thresholds/smoke.yaml", hex(0, 'd')),
                "54dee7c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6", "bench-host", writer, List.of());
    }

    /** A deterministic 64-hex-digit string. */
    static String hex(int i, char fill) {
        String digits = Integer.toHexString(i);
        return String.valueOf(fill).repeat(64 - digits.length()) + digits;
    }
}
