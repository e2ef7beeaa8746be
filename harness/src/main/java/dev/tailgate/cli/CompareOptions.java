package dev.tailgate.cli;

import dev.tailgate.compare.CompareConfig;
import dev.tailgate.compare.Margins;
import dev.tailgate.compare.RegressionMargins;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a comparison decides and where it is recorded, as {@code compare} and {@code ab} share it:
 * the threshold file whose {@code regression:} section sets the margins and the inconclusive
 * policy, the bootstrap seed, whether critical drift is overridden, and the ledger. A picocli
 * mixin, so both commands spell and default these options the same way.
 */
public final class CompareOptions {
    @Option(names = "--thresholds", paramLabel = "FILE", description = "Threshold file whose regression: section sets the margins.")
    Path thresholds;

    @Option(names = "--seed", defaultValue = "1", description = "Bootstrap seed; the same seed gives the same output. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--allow-drift",
            description = "Compare despite critical environment drift other than the declared variable (recorded).")
    boolean allowDrift;

    @Option(names = "--no-ledger", description = "Do not append this decision to the ledger.")
    boolean noLedger;

    @Mixin
    StoreOptions.LedgerFile ledger = new StoreOptions.LedgerFile();

    public Optional<Path> thresholds() {
        return Optional.ofNullable(thresholds);
    }

    public long seed() {
        return seed;
    }

    public boolean allowDrift() {
        return allowDrift;
    }

    /** The ledger the decision is appended to, or none with {@code --no-ledger}. */
    public Optional<Path> ledger() {
        return noLedger ? Optional.empty() : Optional.of(ledger.file);
    }

    /** The statistics' settings: the seed, and the margins of {@code --thresholds} (else the defaults). */
    public CompareConfig config() {
        Margins margins = thresholds == null ? Margins.defaults() : RegressionMargins.load(thresholds);
        return CompareConfig.defaults(seed).withMargins(margins);
    }
}
