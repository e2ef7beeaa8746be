package dev.tailgate.cli;

import dev.tailgate.run.Suite;
import dev.tailgate.run.TrialPlan;
import dev.tailgate.suite.SuiteCheck;
import dev.tailgate.suite.SuiteFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
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
        return emit(SuiteFiles.list(dir()).stream().map(s -> s.name() + "\t" + s.description() + "\t" + s.source()).toList());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The suite's resolved settings and the benchmarks its includes select in this build.")
    int show(@Parameters(paramLabel = "NAME|FILE", description = "Suite name or .yaml file.") String ref) {
        Suite s = SuiteFiles.load(ref, dir());
        List<String> benchmarks = SuiteCheck.benchmarks(s);
        List<String> lines = new ArrayList<>(List.of("suite: " + s.name(), "description: " + s.description(),
                "source: " + s.source(), "sha256: " + s.sha256(), "settings sha256: " + s.settingsSha256(),
                "include: " + s.includes(), "exclude: " + s.excludes(),
                "params: " + (s.params().isEmpty() ? "(every value)" : new TreeMap<>(s.params())),
                "forks: " + s.forks(), "warmup: " + s.warmupIterations() + " x " + shown(s.warmupTime()),
                "measurement: " + s.iterations() + " x " + shown(s.iterationTime()),
                "mode: " + s.mode().orElse("(each benchmark's own)"),
                "thresholds: " + s.thresholdsFile().map(Path::toString).orElse("(none)"),
                "benchmarks: " + benchmarks.size() + " (" + TrialPlan.trials(benchmarks, s.params()) + " trials per fork)"));
        benchmarks.forEach(b -> lines.add("  " + b));
        return emit(lines);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a suite file against this build's benchmarks. Exit 0 if valid, 3 if not.")
    int check(@Parameters(paramLabel = "FILE", description = "Suite .yaml file (or a suite name).") String ref) {
        Suite s = SuiteFiles.load(ref, dir());
        List<String> benchmarks = SuiteCheck.benchmarks(s);
        return emit(List.of("ok: " + s.source() + ": suite " + s.name() + ", " + benchmarks.size() + " benchmarks, "
                + TrialPlan.trials(benchmarks, s.params()) + " trials x " + s.forks() + " forks"));
    }

    private int emit(List<String> lines) {
        PrintWriter out = spec.commandLine().getOut();
        lines.forEach(out::println);
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
