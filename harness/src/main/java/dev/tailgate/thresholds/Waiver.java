package dev.tailgate.thresholds;

import dev.tailgate.model.Statistic;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A waiver turns a rule's FAIL or INCONCLUSIVE into WARN until it expires (the expiry day
 * itself still waives). Missing data (ERROR) is never waived.
 *
 * @param statistic empty: every limit of the rule
 */
public record Waiver(String ruleId, Optional<Statistic> statistic, String reason, LocalDate expires, String file) {
    public Waiver {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(file, "file");
    }

    public boolean covers(String rule, Statistic s) {
        return ruleId.equals(rule) && statistic.map(x -> x == s).orElse(true);
    }

    public boolean activeOn(LocalDate today) {
        return !today.isAfter(expires);
    }

    /** Key under which a child file's waiver replaces a parent's. */
    String key() {
        return ruleId + "/" + statistic.map(Statistic::yamlName).orElse("*");
    }
}
