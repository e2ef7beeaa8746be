package dev.tailgate.cli;

import dev.tailgate.run.Suite;
import dev.tailgate.run.TrialPlan;
import dev.tailgate.suite.SuiteCheck;
import dev.tailgate.suite.SuiteFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tailgate suites list|show|check}: suite files (docs/suites.md), without a run. */
@Command(name = "suites", mixinStandardHelpOptions = true,
        description = "Inspect suite files: list the suites --suite finds, show one resolved, or validate one.")
public final class SuitesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--suites-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Look suite names up here first, then in ./suites, then among the bundled suites.")
    Path suitesDir;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list, show or check");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every suite a name finds: name, description, the file it comes from.")
    int list() {
        PrintWriter out = spec.commandLine().getOut();
        for (SuiteFiles.Listed s : SuiteFiles.list(dir())) {
            out.println(s.name() + "\t" + s.description() + "\t" + s.source());
        }
        out.flush();
        return ExitCode.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The suite's resolved settings and the benchmarks its includes select in this build.")
    int show(@Parameters(paramLabel = "NAME|FILE", description = "Suite name or .yaml file.") String ref) {
        Suite s = SuiteFiles.load(ref, dir());
        List<String> benchmarks = SuiteCheck.benchmarks(s);
        PrintWriter out = spec.commandLine().getOut();
        out.println("suite: " + s.name());
        out.println("description: " + s.description());
        out.println("source: " + s.source());
        out.println("sha256: " + s.sha256());
        out.println("settings sha256: " + s.settingsSha256());
        out.println("include: " + s.includes());
        out.println("exclude: " + s.excludes());
        out.println("params: " + (s.params().isEmpty() ? "(every value)" : new java.util.TreeMap<>(s.params())));
        out.println("forks: " + s.forks());
        out.println("warmup: " + s.warmupIterations() + " x " + shown(s.warmupTime()));
        out.println("measurement: " + s.iterations() + " x " + shown(s.iterationTime()));
        out.println("mode: " + s.mode().orElse("(each benchmark's own)"));
        out.println("thresholds: " + s.thresholdsFile().map(Path::toString).orElse("(none)"));
        out.println("benchmarks: " + benchmarks.size() + " (" + TrialPlan.trials(benchmarks, s.params()) + " trials per fork)");
        benchmarks.forEach(b -> out.println("  " + b));
        out.flush();
        return ExitCode.OK;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a suite file against this build's benchmarks. Exit 0 if valid, 3 if not.")
    int check(@Parameters(paramLabel = "FILE", description = "Suite .yaml file (or a suite name).") String ref) {
        Suite s = SuiteFiles.load(ref, dir());
        List<String> benchmarks = SuiteCheck.benchmarks(s);
        PrintWriter out = spec.commandLine().getOut();
        out.println("ok: " + s.source() + ": suite " + s.name() + ", " + benchmarks.size() + " benchmarks, "
                + TrialPlan.trials(benchmarks, s.params()) + " trials x " + s.forks() + " forks");
        out.flush();
        return ExitCode.OK;
    }

    private Optional<Path> dir() {
        return Optional.ofNullable(suitesDir);
    }

    /** A duration as a suite file writes it: 2s, 500ms. */
    static String shown(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
