package dev.tailgate.cli;

import dev.tailgate.store.Baseline;
import dev.tailgate.store.RunStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code tailgate baseline promote|list}: named baselines under results/baselines/. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Keep runs as named baselines; a baseline name is accepted wherever a"
                + " run is.",
        subcommands = {BaselineCommand.Promote.class, BaselineCommand.ListBaselines.class})
public final class BaselineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: promote or list");
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Copy a complete run to results/baselines/NAME (the run stays where"
                    + " it is) and record where it came from in baseline.json.")
    static final class Promote implements Callable<Integer> {
        @Parameters(paramLabel = "RUN",
                description = "Run directory, bare JMH JSON file, or baseline name.")
        String run;

        @Option(names = "--name", paramLabel = "NAME", required = true,
                description = "Baseline name: letters, digits, '.', '_', '-'.")
        String name;

        @Option(names = "--force", description = "Replace an existing baseline of that name.")
        boolean force;

        @CommandLine.Mixin
        StoreOptions.Results results;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            RunStore store = new RunStore(results.dir);
            Baseline b = store.promote(run, name, force,
                    RootClock.of(spec).instant().truncatedTo(ChronoUnit.SECONDS));
            PrintWriter out = spec.commandLine().getOut();
            out.println("promoted " + run + " to baseline " + b.name() + " ("
                    + store.baselinesDir().resolve(b.name()) + ")");
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the baselines, with where they came from.")
    static final class ListBaselines implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions.Results results;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RunStore store = new RunStore(results.dir);
            List<String> names = store.baselineNames();
            PrintWriter out = spec.commandLine().getOut();
            if (names.isEmpty()) {
                out.println("no baselines in " + store.baselinesDir());
            } else {
                out.printf("%-24s  %-20s  %-20s  %s%n", "NAME", "PROMOTED", "TAKEN", "SOURCE RUN");
                for (String n : names) {
                    Optional<Baseline> b = store.baseline(n);
                    out.printf("%-24s  %-20s  %-20s  %s%n", n,
                            b.map(x -> x.promotedAt().toString()).orElse("-"),
                            b.map(Baseline::takenAt).map(Instant::toString).orElse("-"),
                            b.map(Baseline::sourceRun).orElse("- (no baseline.json)"));
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
