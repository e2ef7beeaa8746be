package dev.tailgate.cli;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.UsageException;
import java.io.PrintWriter;
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
        subcommands = {
            RunCommand.class,
            CompareCommand.class,
            AbCommand.class,
            CommandLine.HelpCommand.class,
            MonitorCommand.class,
            FingerprintCommand.class,
            DriftCommand.class,
            DoctorCommand.class,
            RedisConfigCommand.class,
            DatasetCommand.class,
            LedgerCommand.class,
            PruneCommand.class,
            BaselineCommand.class,
            GateCommand.class, ThresholdsCommand.class,
            SampleCommand.class,
        },
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

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** Runs the CLI with injected streams; returns the exit code. Tests call this. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new TailgateCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("try: "
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            boolean trace = parse.matchedOption("--stacktrace") != null
                    || parse.asCommandLineList().stream()
                            .anyMatch(c -> c.getParseResult().hasMatchedOption("--stacktrace"));
            PrintWriter e = cmd.getErr();
            int code;
            if (ex instanceof BadInputException) {
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
        });
        return cl;
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
