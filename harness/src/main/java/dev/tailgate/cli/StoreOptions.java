package dev.tailgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options naming where results and the ledger live, as picocli mixins ({@code @Mixin}) so every
 * command spells and defaults them the same way. Gate and compare can mix in {@link LedgerFile}
 * to honour {@code --ledger}.
 */
public final class StoreOptions {

    private StoreOptions() {
    }

    /** {@code --results DIR}, default {@code <tailgate home>/results} (the launcher sets the home). */
    public static final class Results {
        @Option(names = "--results", paramLabel = "DIR", defaultValue = "${sys:tailgate.home:-.}/results",
                description = "Results directory (default: ${DEFAULT-VALUE}).")
        public Path dir;
    }

    /** {@code --ledger FILE}, default {@code <tailgate home>/results/ledger.jsonl}. */
    public static final class LedgerFile {
        @Option(names = "--ledger", paramLabel = "FILE", defaultValue = "${sys:tailgate.home:-.}/results/ledger.jsonl",
                description = "Decision ledger (default: ${DEFAULT-VALUE}).")
        public Path file;
    }
}
