package dev.tailgate.cli;

import dev.tailgate.gate.GateResult;
import dev.tailgate.gate.GateService;
import dev.tailgate.ingest.RunLoader;
import dev.tailgate.ledger.Provenance;
import dev.tailgate.model.Check;
import dev.tailgate.model.Outcome;
import dev.tailgate.model.UsageException;
import dev.tailgate.model.Verdict;
import dev.tailgate.report.ReportFiles;
import dev.tailgate.report.TextTableWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tailgate gate RUN --thresholds FILE}: judges a run, prints the table, writes reports. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"Judge a run against a threshold file: print a verdict table and write verdict.json,",
            "junit.xml and report.md into the run directory (or --out, or next to a bare JMH JSON file)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:passed (warnings allowed; INCONCLUSIVE too if the policy says so)",
            "1:gate failed (FAIL, or INCONCLUSIVE under policy inconclusive: fail)",
            "2:usage error",
            "3:bad input, or a check is ERROR (missing/NaN data, run not complete)",
            "4:internal error",
        })
public final class GateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "Run directory (jmh.json inside), a JMH JSON file, or a sampler's tail-state.json (or its directory).")
    Path run;

    @Option(names = "--thresholds", required = true, paramLabel = "FILE", description = "Threshold YAML file.")
    Path thresholds;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the reports (default: the run directory).")
    Path out;

    @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "Date to judge waiver expiry against (default: today, UTC).")
    String today;

    @picocli.CommandLine.Mixin
    StoreOptions.LedgerFile ledger = new StoreOptions.LedgerFile();

    @Option(names = "--no-ledger", description = "Do not append this decision to the ledger (for trying out threshold files).")
    boolean noLedger;

    @Option(names = "--allow-injected",
            description = "Judge a run with an injected delay (ab/run --inject) like a real one; its verdict still says INJECTED.")
    boolean allowInjected;

    @Option(names = "--allow-incomplete", description = "Judge a run directory whose manifest is missing or does not "
            + "say COMPLETE; verdict.json and report.md say this override was used.")
    boolean allowIncomplete;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        java.time.Clock clock = RootClock.of(spec);
        LocalDate day = parseToday(today, clock);
        // The ledger records the SHA-256 of the JMH file: hash it while it is judged.
        Provenance.Prefetched digests = noLedger ? Provenance.Prefetched.none() : Provenance.Prefetched.start(jmhFile(run));
        GateResult result = GateService.gate(run, thresholds, day,
                new GateService.Overrides(allowIncomplete, allowInjected));
        Verdict v = result.verdict();
        Path dir = out != null ? out : result.run().directory()
                .orElseGet(() -> result.run().jmhJson().toAbsolutePath().getParent());
        PrintWriter o = spec.commandLine().getOut();
        o.print(TextTableWriter.table(v));
        List<Path> written = ReportFiles.writeAll(v, dir, hiccups(result, spec.commandLine().getErr()));
        o.println("reports: " + String.join(", ", written.stream().map(Path::toString).toList()));
        o.flush();
        if (!noLedger) {
            recordInLedger(result, ledger.file, o, digests, clock);
        }
        return exitCode(result, spec.commandLine().getErr());
    }

    /** The JMH file the gate will read (none for a run it cannot locate: the gate reports why). */
    private static List<Path> jmhFile(Path run) {
        try {
            return List.of(RunLoader.locate(run).jmhJson());
        } catch (dev.tailgate.model.BadInputException e) {
            return List.of();
        }
    }

    /** The run's host stalls for report.md; informational, so a broken hiccups.json only warns. */
    private static List<dev.tailgate.model.HiccupSummary> hiccups(GateResult result, PrintWriter err) {
        try {
            return result.run().directory().flatMap(dev.tailgate.run.Hiccups::read).orElse(List.of());
        } catch (dev.tailgate.model.BadInputException e) {
            err.println("warning: report.md without host stalls: " + e.getMessage());
            return List.of();
        }
    }

    /** Appends the decision to the ledger; a ledger that cannot take it is bad input (exit 3). */
    static void recordInLedger(GateResult result, Path ledgerFile, PrintWriter o, java.time.Clock clock) {
        recordInLedger(result, ledgerFile, o, Provenance.Prefetched.none(), clock);
    }

    static void recordInLedger(GateResult result, Path ledgerFile, PrintWriter o, Provenance.Prefetched digests,
                               java.time.Clock clock) {
        try {
            var entry = Decisions.recordGate(result, ledgerFile, clock.instant(), List.of(), digests);
            o.println("ledger: " + ledgerFile + " entry " + entry.seq());
        } catch (java.io.IOException e) {
            throw new dev.tailgate.model.BadInputException(ledgerFile + ": cannot append (" + e.getMessage() + ")");
        }
    }

    static LocalDate parseToday(String text, java.time.Clock clock) {
        if (text == null) {
            return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("--today: \"" + text + "\": expected YYYY-MM-DD");
        }
    }

    /**
     * Exit code of a verdict. ERROR means an input was wrong or missing (exit 3) and gets one
     * diagnostic line on stderr naming the file and the first item at fault.
     */
    static int exitCode(GateResult result, PrintWriter err) {
        Verdict v = result.verdict();
        if (v.decision() == Outcome.ERROR) {
            long errors = v.count(Outcome.ERROR);
            String where = result.run().jmhJson().toString();
            String what = v.summary();
            if (errors > 0) {
                Check first = v.checks().stream().filter(c -> c.outcome() == Outcome.ERROR).findFirst().orElseThrow();
                what = describe(first) + (errors > 1 ? " (and " + (errors - 1) + " more ERROR checks)" : "");
            } else if (result.run().manifest().isPresent() && !v.checks().isEmpty()) {
                where = result.run().manifest().get().toString();
            }
            err.println("error: " + where + ": " + what);
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        return v.passed() ? ExitCode.OK : ExitCode.GATE_FAILED;
    }

    private static String describe(Check c) {
        return c.benchmark().label() + " " + c.statistic().yamlName() + " (rule " + c.ruleId() + "): " + c.reason();
    }
}
