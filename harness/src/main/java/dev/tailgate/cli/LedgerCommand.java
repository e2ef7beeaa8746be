package dev.tailgate.cli;

import dev.tailgate.ledger.Ledger;
import dev.tailgate.ledger.LedgerCodec;
import dev.tailgate.ledger.LedgerEntry;
import dev.tailgate.ledger.LedgerProblem;
import dev.tailgate.ledger.LedgerQuery;
import dev.tailgate.ledger.LedgerTable;
import dev.tailgate.ledger.VerifyReport;
import dev.tailgate.model.BadInputException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tailgate ledger verify|show}: check and read the decision ledger. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Check and read the hash-chained decision ledger (docs/ledger.md).",
        subcommands = {LedgerCommand.Verify.class, LedgerCommand.Show.class})
public final class LedgerCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: verify or show");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every entry's hash and the chain; name each edited, deleted,"
                    + " reordered or torn entry.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:intact", "3:broken (problems listed on stdout), or no ledger",
                "2:usage error", "4:internal error"})
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions.LedgerFile ledgerFile;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path ledger = ledgerFile.file;
            VerifyReport report = Ledger.open(ledger).verify();
            PrintWriter out = spec.commandLine().getOut();
            if (report.intact()) {
                out.println(ledger + ": intact, " + report.lines() + " entries" + report.head()
                        .map(h -> ", head seq " + h.seq() + " hash " + h.hash()).orElse(""));
                out.flush();
                return ExitCode.OK;
            }
            List<LedgerProblem> problems = report.problems();
            out.println(ledger + ": BROKEN, " + problems.size() + " problem(s) in "
                    + report.lines() + " complete lines:");
            problems.forEach(p -> out.println("  " + p.describe()));
            out.flush();
            throw new BadInputException(ledger + ": chain broken at " + problems.get(0).describe()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print ledger entries as a table, or as JSON lines.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions.LedgerFile ledgerFile;

        @Option(names = "--last", paramLabel = "N",
                description = "Only the last N entries that pass the other filters.")
        Integer last;

        @Option(names = "--since", paramLabel = "T",
                description = "Only entries at or after T: an instant (2026-11-25T22:00:00Z),"
                        + " a date (2026-11-25, UTC) or an age (12h, 7d).")
        String since;

        @Option(names = "--decision", paramLabel = "D",
                description = "Only entries with this decision (PASS, FAIL, REGRESSION, ...).")
        String decision;

        @Option(names = "--kind", paramLabel = "K",
                description = "Only entries of this kind (gate, compare, ...).")
        String kind;

        @Option(names = "--json", description = "Print the entries' canonical JSON lines.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (last != null && last < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--last " + last + ": expected >= 0");
            }
            LedgerQuery query = new LedgerQuery(
                    Optional.ofNullable(since).map(s -> TimeArgs.since("--since", s,
                            RootClock.of(spec).instant())),
                    Optional.ofNullable(decision), Optional.ofNullable(kind),
                    last == null ? OptionalInt.empty() : OptionalInt.of(last));
            Path ledger = ledgerFile.file;
            Ledger.Snapshot snapshot = Ledger.open(ledger).read();
            snapshot.tornLine().ifPresent(n -> spec.commandLine().getErr().println("warning: "
                    + ledger + ": line " + n + " is torn and was skipped (run tailgate ledger"
                    + " verify)"));
            List<LedgerEntry> shown = query.apply(snapshot.entries());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                shown.forEach(e -> out.println(new String(LedgerCodec.canonicalLine(e),
                        StandardCharsets.US_ASCII)));
            } else if (shown.isEmpty()) {
                out.println("no matching entries (" + snapshot.entries().size() + " in "
                        + ledger + ")");
            } else {
                out.print(LedgerTable.render(shown));
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
