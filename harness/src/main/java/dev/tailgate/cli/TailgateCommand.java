package dev.tailgate.cli;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.launch.RedisLaunchException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Root of the {@code tailgate} CLI. Each subcommand is one thin class handing off to an
 * engine; exceptions become exit codes here and nowhere else.
 */
@Command(name = "tailgate",
        mixinStandardHelpOptions = true,
        versionProvider = TailgateCommand.Version.class,
        description = "Benchmark suite and tail-aware performance gate for latency-critical Redis.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:passed (warnings allowed) or done",
            "1:gate failed",
            "2:usage error",
            "3:bad input (file, target, password, metric)",
            "4:internal error",
        })
public final class TailgateCommand implements Runnable {

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error (diagnostics, to stderr).")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock;

    TailgateCommand(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /** The clock every subcommand reads the time from ({@link RootClock}). */
    Clock clock() {
        return clock;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /**
     * The subcommands, in the order the usage lists them. Registered by hand rather than in the
     * annotation so that {@link #execute} can build only the one a command line names: picocli
     * reflects over every command it registers, and for a short-lived {@code gate} that
     * reflection over commands it does not run would be a real share of its cold start
     * (docs/performance-gate.md).
     */
    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("run", RunCommand::new);
        m.put("compare", CompareCommand::new);
        m.put("ab", AbCommand::new);
        m.put("calibrate", CalibrateCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        m.put("monitor", MonitorCommand::new);
        m.put("fingerprint", FingerprintCommand::new);
        m.put("drift", DriftCommand::new);
        m.put("doctor", DoctorCommand::new);
        m.put("redis-config", RedisConfigCommand::new);
        m.put("dataset", DatasetCommand::new);
        m.put("ledger", LedgerCommand::new);
        m.put("prune", PruneCommand::new);
        m.put("baseline", BaselineCommand::new);
        m.put("gate", GateCommand::new);
        m.put("thresholds", ThresholdsCommand::new);
        m.put("suites", SuitesCommand::new);
        m.put("sample", SampleCommand::new);
        m.put("export", ExportCommand::new);
        m.put("history", HistoryCommand::new);
        m.put("merge", MergeCommand::new);
        return m;
    }

    /** Runs the CLI with injected streams and the system clock; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Clock clock;
        try {
            clock = RootClock.system();
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        return execute(args, out, err, clock);
    }

    /** Runs the CLI with injected streams and clock; returns the exit code. Tests call this. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Clock clock) {
        return commandLine(out, err, named(args), clock).execute(args);
    }

    /**
     * The subcommand a command line runs, when that is all it needs: its first non-option
     * argument names one (root options take no values). {@code help}, root help and anything
     * unrecognised get the whole tree, so every usage and error message is the same as ever.
     */
    static String named(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return null;
            }
            if (!a.startsWith("-")) {
                return subcommands().containsKey(a) && !a.equals("help") ? a : null;
            }
        }
        return null;
    }

    /** The whole command tree (usage, help, tests). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null, RootClock.system());
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, String only, Clock clock) {
        CommandLine cl = new CommandLine(new TailgateCommand(clock));
        subcommands().forEach((name, command) -> {
            if (only == null || only.equals(name)) {
                cl.addSubcommand(name, command.get());
            }
        });
        // after the subcommands: picocli registers a converter only with the commands it already has
        cl.registerConverter(java.time.Duration.class, new Durations.Converter());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            if (ex.getCause() instanceof Durations.Invalid bad && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o) {
                // as a bad value found later is reported: one line, the option as typed, the reason
                ex.getCommandLine().getErr().println("error: " + o.longestName() + " \""
                        + Durations.shown(ex.getValue()) + "\": " + bad.getMessage());
                return ExitCode.USAGE;
            }
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("try: "
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler(TailgateCommand::executionError);
        return cl;
    }

    /** A command that threw: one line, the exit code of the exception's kind, the trace on --stacktrace. */
    private static int executionError(Exception ex, CommandLine cmd, CommandLine.ParseResult parse) {
        boolean trace = parse.matchedOption("--stacktrace") != null
                || parse.asCommandLineList().stream()
                        .anyMatch(c -> c.getParseResult().hasMatchedOption("--stacktrace"));
        PrintWriter e = cmd.getErr();
        int code;
        if (ex instanceof BadInputException || ex instanceof RedisLaunchException) {
            e.println("error: " + ex.getMessage());
            code = ExitCode.BAD_INPUT;
        } else if (ex instanceof UsageException) {
            e.println("error: " + ex.getMessage());
            code = ExitCode.USAGE;
        } else if (ex instanceof InterruptedException) {
            e.println("interrupted");
            code = ExitCode.INTERRUPTED;
        } else {
            e.println("internal error: " + ex + " (rerun with --stacktrace for details)");
            code = ExitCode.INTERNAL;
        }
        if (trace) {
            ex.printStackTrace(e);
        }
        e.flush();
        return code;
    }

    /** Version from the jar manifest, else "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TailgateCommand.class.getPackage().getImplementationVersion();
            return new String[] {"tailgate " + (v == null ? "dev" : v)};
        }
    }
}
