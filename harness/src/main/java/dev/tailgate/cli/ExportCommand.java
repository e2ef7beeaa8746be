package dev.tailgate.cli;

import dev.tailgate.export.LatestRun;
import dev.tailgate.export.OpenMetricsText;
import dev.tailgate.export.Pushgateway;
import dev.tailgate.export.RunExport;
import dev.tailgate.export.RunExports;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tailgate export}: a run's statistics and gate verdicts as metrics, for dashboards. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a run's latency percentiles, throughput, sample counts, gate verdicts and run info",
            "as OpenMetrics text (also valid Prometheus text format 0.0.4): to stdout, to a file",
            "replaced atomically (for node_exporter's textfile collector), or to a Pushgateway."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:written",
            "2:usage error",
            "3:bad input: no such run, a run not complete or injected (without --allow-*), a malformed file,"
                + " a Pushgateway that does not take the push",
            "4:internal error",
        })
public final class ExportCommand implements Callable<Integer> {
    /** The text formats; one so far, named so that a script states what it expects. */
    enum Format { openmetrics }

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN",
            description = "Run directory (default: the newest complete run under --results).")
    Path run;

    @Mixin
    StoreOptions.Results results = new StoreOptions.Results();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "openmetrics",
            description = "Text format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @ArgGroup(exclusive = true)
    Destination destination;

    static final class Destination {
        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE through a temp file renamed over it"
                + " (name it *.prom in the textfile collector's directory).")
        Path out;

        @Option(names = "--push", paramLabel = "URL", description = "PUT to the Pushgateway at URL, group"
                + " job=tailgate, suite=<the run's suite>.")
        String push;
    }

    @Option(names = "--allow-incomplete", description = "Export a run whose manifest is missing or does not say"
            + " COMPLETE; every series gets the label incomplete=\"<status>\".")
    boolean allowIncomplete;

    @Option(names = "--allow-injected", description = "Export a run with an injected delay (ab/run --inject); every"
            + " series gets the label injected=\"<the delay>\".")
    boolean allowInjected;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        URI gateway = destination != null && destination.push != null ? Pushgateway.base(destination.push) : null;
        RunExports.Overrides overrides = new RunExports.Overrides(allowIncomplete, allowInjected);
        Path dir = run != null ? run : LatestRun.in(results.dir, overrides);
        RunExport export = RunExports.load(dir, overrides);
        String text = OpenMetricsText.render(export);
        PrintWriter out = spec.commandLine().getOut();
        String what = dir + ": " + export.results().size() + " results"
                + (export.gate().isPresent() ? ", gate " + export.gate().get().decision() : ", no gate");
        if (destination != null && destination.out != null) {
            write(destination.out, text);
            out.println("export: " + what + " -> " + destination.out);
        } else if (gateway != null) {
            Map<String, String> group = new LinkedHashMap<>();
            group.put("job", "tailgate");
            String suite = export.info().labels().get("suite");
            if (suite != null) {
                group.put("suite", suite);
            }
            URI target = Pushgateway.groupUri(gateway, group);
            Pushgateway.push(target, text);
            out.println("export: " + what + " -> " + target);
        } else {
            out.print(text);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static void write(Path file, String text) {
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new BadInputException("--out " + file + ": no such directory " + parent);
        }
        try {
            JsonFiles.writeString(file, text);
        } catch (IOException e) {
            throw new BadInputException("--out " + file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
