package dev.tailgate.cli;

import dev.tailgate.store.RetentionPolicy;
import dev.tailgate.store.RunDir;
import dev.tailgate.store.RunStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code tailgate prune}: the retention policy for run directories. Only directories directly
 * under the results directory holding a run's files are candidates; promoted baselines, the
 * ledger and anything else are never touched (see {@link RunStore#listRuns}).
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Delete old run directories under the results directory. Never deletes"
                + " baselines/, the ledger, or anything that is not a run directory.")
public final class PruneCommand implements Callable<Integer> {

    /** Exactly one of the two; picocli reports both or neither as a usage error. */
    static final class Policy {
        @Option(names = "--keep", paramLabel = "N", required = true,
                description = "Keep the N most recently started runs, delete the rest.")
        Integer keep;

        @Option(names = "--older-than", paramLabel = "D", required = true,
                description = "Delete runs started more than D ago (12h, 7d, 2w, PT36H).")
        Duration olderThan;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Policy policy;

    @Option(names = "--dry-run", description = "Print what would be deleted; delete nothing.")
    boolean dryRun;

    @CommandLine.Mixin
    StoreOptions.Results results;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Instant now = RootClock.of(spec).instant();
        RetentionPolicy retention;
        if (policy.keep != null) {
            if (policy.keep < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--keep " + policy.keep + ": expected >= 0");
            }
            retention = new RetentionPolicy.KeepNewest(policy.keep);
        } else {
            retention = new RetentionPolicy.OlderThan(policy.olderThan, now);
        }
        RunStore store = new RunStore(results.dir);
        List<RunDir> runs = store.listRuns();
        List<RunDir> doomed = retention.toDelete(runs).stream().filter(r -> !RetentionPolicy.spared(r, now)).toList();
        PrintWriter out = spec.commandLine().getOut();
        String verb = dryRun ? "would delete " : "deleted ";
        for (RunDir run : doomed) {
            if (!dryRun) {
                store.delete(run);
            }
            out.println(verb + run.dir() + "  (started " + run.startedAt()
                    + (run.ageSource() == RunDir.AgeSource.MTIME ? " by directory mtime" : "")
                    + ", " + age(Duration.between(run.startedAt(), now)) + " ago)");
        }
        runs.stream().filter(r -> RetentionPolicy.spared(r, now)).forEach(r -> out.println("kept " + r.dir()
                + "  (status RUNNING: " + (r.activity() == RunDir.Activity.RUNNING_LIVE ? "its process is alive)"
                : "its process is gone, but it started less than " + RetentionPolicy.STALE_RUNNING_AGE.toHours() + "h ago)")));
        out.println((dryRun ? "dry run: would delete " : "deleted ") + doomed.size() + " of "
                + runs.size() + " run directories in " + results.dir
                + "; baselines and the ledger are never pruned");
        out.flush();
        return ExitCode.OK;
    }

    /** {@code 3d 4h}, {@code 5h 12m}, {@code 40m}: enough to see why a run was chosen. */
    static String age(Duration d) {
        if (d.isNegative()) {
            return "0m (started in the future)";
        }
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return d.toMinutes() + "m";
    }
}
