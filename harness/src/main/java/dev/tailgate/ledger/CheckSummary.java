package dev.tailgate.ledger;

import java.util.Objects;

/**
 * One check of a decision as the ledger keeps it: enough to audit later which check decided,
 * not the full verdict (that lives in the run's verdict.json, whose hash the entry records).
 *
 * @param name    what was checked, e.g. {@code "JedisGetRoundTripBenchmark.get p99.9"}
 * @param outcome the check's outcome in upper case, e.g. {@code PASS}, {@code FAIL},
 *                {@code NO CHANGE}
 * @param detail  one human line (observed, bound, limit, reason); may be empty, never null
 */
public record CheckSummary(String name, String outcome, String detail) {

    public CheckSummary {
        Objects.requireNonNull(name, "check name");
        Objects.requireNonNull(outcome, "check outcome");
        Objects.requireNonNull(detail, "check detail (use \"\" for none)");
        if (name.isBlank()) {
            throw new IllegalArgumentException("check name is blank");
        }
        if (!Tokens.isOutcome(outcome)) {
            throw new IllegalArgumentException("check outcome \"" + outcome
                    + "\": expected an upper-case word such as PASS or FAIL");
        }
    }
}
