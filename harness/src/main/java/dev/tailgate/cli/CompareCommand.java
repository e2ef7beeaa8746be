package dev.tailgate.cli;

import dev.tailgate.compareservice.CompareService;
import dev.tailgate.ledger.Provenance;
import dev.tailgate.model.BadInputException;
import dev.tailgate.report.ComparisonWriters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code tailgate compare BASELINE CANDIDATE}: ratio per benchmark x statistic with honest intervals. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare a candidate run with a baseline (run directories, JMH JSON files or baseline names):",
            "candidate/baseline ratio with a 95%% hierarchical-bootstrap interval per benchmark x statistic,",
            "Holm-corrected across gating checks. Writes comparison/ (comparison.json, junit.xml, report.md,",
            "report.html) into the candidate run directory and appends the decision to the ledger."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no gating regression (NO CHANGE, IMPROVEMENT or INCONCLUSIVE)",
            "1:a gating check is a REGRESSION",
            "2:usage error",
            "3:bad input (unlike runs, critical drift, incomplete run, unreadable file)",
            "4:internal error",
        })
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE") String baseline;
    @Parameters(index = "1", paramLabel = "CANDIDATE") String candidate;

    @Option(names = "--allow-mismatch", description = "Compare runs that differ in more than the declared variable (recorded).")
    boolean allowMismatch;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the reports go (default: <candidate>/comparison/).")
    Path out;

    @CommandLine.Mixin
    CompareOptions options = new CompareOptions();

    @CommandLine.Mixin
    StoreOptions.Results results = new StoreOptions.Results();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        return run(spec.commandLine().getOut(), new CompareService.Request(baseline, candidate,
                options.thresholds(), options.seed(), allowMismatch, options.allowDrift(), Set.of(),
                Optional.ofNullable(out), results.dir), options.ledger(), "compare", RootClock.of(spec));
    }

    /** Shared by compare and run --baseline: compare two runs, print, record, exit code. */
    static int run(PrintWriter o, CompareService.Request req, Optional<Path> ledgerFile, String kind,
                   java.time.Clock clock) throws IOException {
        return run(o, req, Optional.empty(), ledgerFile, kind, clock);
    }

    /** Shared by compare, ab and run --baseline: compare, print, record, exit code. */
    static int run(PrintWriter o, CompareService.Request req, Optional<CompareService.Paired> paired,
                   Optional<Path> ledgerFile, String kind, java.time.Clock clock) throws IOException {
        // The ledger records the SHA-256 of both JMH files: hash them while they are compared.
        Provenance.Prefetched digests = ledgerFile.isPresent()
                ? Provenance.Prefetched.start(CompareService.jmhFiles(req)) : Provenance.Prefetched.none();
        CompareService.Outcome r = CompareService.compare(req, paired);
        o.print(ComparisonWriters.table(r.comparison()));
        o.println("reports: " + r.outDir());
        if (ledgerFile.isPresent()) {
            try {
                var entry = Decisions.recordCompare(r, ledgerFile.get(), clock.instant(), kind, digests);
                o.println("ledger: " + ledgerFile.get() + " entry " + entry.seq());
            } catch (IOException e) {
                throw new BadInputException(ledgerFile.get() + ": cannot append (" + e.getMessage() + ")");
            }
        }
        o.flush();
        return r.comparison().failed() ? ExitCode.GATE_FAILED : ExitCode.OK;
    }

}
