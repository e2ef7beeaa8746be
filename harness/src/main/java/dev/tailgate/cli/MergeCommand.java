package dev.tailgate.cli;

import dev.tailgate.merge.RunMerger;
import dev.tailgate.store.Manifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tailgate merge RUN... --out DIR}: one run directory from the shards of a distributed run. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the shards of a distributed run (tailgate run --shard i/N on N hosts) into one run directory",
            "that report, gate, compare and export read like any run: histograms added exactly, JMH sample counts per",
            "iteration, throughputs summed (docs/distributed.md). A missing or incomplete shard makes the merged run INVALID."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:merged run written, COMPLETE",
            "2:usage error",
            "3:bad input: a shard of another distributed run or suite, unlike settings, --out exists; "
                + "or the merged run was written INVALID (a shard missing or not COMPLETE)",
            "4:internal error",
        })
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "The shards' run directories, in any order.")
    List<Path> runs;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The merged run directory to create; one that exists is refused.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunMerger.Result r = RunMerger.merge(runs, out, Invocation.argv(spec), RootClock.of(spec).instant());
        Manifest m = r.manifest();
        stdout.println("merged " + r.decision().shards().size() + " of " + r.decision().count() + " shards of "
                + r.decision().runId() + " into " + r.dir() + ": " + m.status());
        stdout.flush();
        if (m.status() != Manifest.Status.COMPLETE) {
            err.println("error: " + r.dir() + ": merged run is INVALID (" + m.abortReason().orElse("") + "); no gate passes it");
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.OK;
    }
}
