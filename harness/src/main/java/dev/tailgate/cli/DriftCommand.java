package dev.tailgate.cli;

import dev.tailgate.fingerprint.Drift;
import dev.tailgate.fingerprint.Fingerprint;
import dev.tailgate.fingerprint.FingerprintCapture;
import dev.tailgate.fingerprint.FingerprintJson;
import dev.tailgate.fingerprint.RedisSource;
import dev.tailgate.fingerprint.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tailgate drift BASELINE [CURRENT]}: has the environment changed since the baseline? */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Compare two environment fingerprints; exit 1 on critical drift.",
            "BASELINE and CURRENT are fingerprint.json files or run directories holding one; CURRENT defaults",
            "to a fresh capture of this host. Every difference is CRITICAL, WARNING or INFO."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no critical drift", "1:critical drift", "2:usage error",
            "3:bad input (missing or malformed fingerprint, unreachable target)"})
public final class DriftCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE", description = "Baseline fingerprint.json or run directory.")
    Path baseline;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CURRENT",
            description = "Current fingerprint.json or run directory (default: capture now).")
    Path current;

    @Mixin
    TargetOptions target;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Fingerprint a = FingerprintJson.read(baseline);
        Fingerprint b = current != null ? FingerprintJson.read(current)
                : FingerprintCapture.capture(target.target().map(t -> new RedisSource(t, target.credentials(),
                        Optional.empty())), FingerprintCapture.Options.standalone(), RootClock.of(spec).instant());
        List<Drift.Difference> diffs = Drift.compare(a, b);
        PrintWriter w = spec.commandLine().getOut();
        if (current == null && a.redis().version().present() && target.target().isEmpty()) {
            spec.commandLine().getErr().println("note: the baseline has a Redis section; pass --target to capture"
                    + " the current Redis too, else every redis.* item shows as drift");
        }
        for (Drift.Difference d : diffs) {
            w.printf("%-8s %s: %s -> %s (%s)%n", d.severity(), d.item(), d.baseline().display(),
                    d.current().display(), d.why());
        }
        long critical = diffs.stream().filter(d -> d.severity() == Severity.CRITICAL).count();
        long warning = diffs.stream().filter(d -> d.severity() == Severity.WARNING).count();
        long info = diffs.size() - critical - warning;
        w.println("drift: " + critical + " critical, " + warning + " warning, " + info + " info"
                + (critical > 0 ? " -> environments not comparable" : ""));
        w.flush();
        return critical > 0 ? ExitCode.GATE_FAILED : ExitCode.OK;
    }
}
