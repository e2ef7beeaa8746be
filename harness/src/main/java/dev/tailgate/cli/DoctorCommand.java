package dev.tailgate.cli;

import dev.tailgate.bench.openloop.WakeupCost;
import dev.tailgate.fingerprint.Doctor;
import dev.tailgate.fingerprint.Fingerprint;
import dev.tailgate.fingerprint.FingerprintCapture;
import dev.tailgate.fingerprint.HostProbe;
import dev.tailgate.fingerprint.Item;
import dev.tailgate.model.UsageException;
import dev.tailgate.run.Calibration;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tailgate doctor}: how ready this host is for low-latency measurement. Changes nothing. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check how ready this host is for low-latency measurement; never changes the host.",
            "Each check has a state (OK, WARN, BAD, UNKNOWN), why it matters and how to fix it.",
            "Then the newest `tailgate calibrate` result under --results: what ab resolves on this host."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report printed (whatever the states)", "2:usage error", "3:bad input"})
public final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sample-ms", paramLabel = "MS", defaultValue = "1000",
            description = {"How long to sample current steal time (default: ${DEFAULT-VALUE} ms; 0 = skip);",
                "also times up to 500 1-ms timer wake-ups for their CPU cost."})
    long sampleMillis;

    @CommandLine.Mixin
    StoreOptions.Results results = new StoreOptions.Results();

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        if (sampleMillis < 0) {
            throw new UsageException("--sample-ms " + sampleMillis + ": expected >= 0");
        }
        Fingerprint f = FingerprintCapture.capture(Optional.empty(), FingerprintCapture.Options.standalone(),
                RootClock.of(spec).instant());
        Item stealNow = Item.absent("not sampled (--sample-ms 0)");
        Item wakeup = stealNow;
        if (sampleMillis > 0) {
            // the wake-up price is timed on another thread inside the steal window, which only sleeps
            WakeupCost[] cost = new WakeupCost[1];
            Thread timer = new Thread(() -> cost[0] = WakeupCost.measure((int) Math.min(500, sampleMillis), 1_000_000),
                    "tailgate-doctor-wakeups");
            timer.start();
            stealNow = HostProbe.system().stealNow(Duration.ofMillis(sampleMillis));
            timer.join();
            WakeupCost c = cost[0];
            wakeup = c.cpuNanosPerWake() < 0 ? Item.absent("no thread CPU clock in this JVM")
                    : Item.of(String.format(Locale.ROOT, "%.1f", c.cpuNanosPerWake() / 1e3));
        }
        List<Doctor.Check> checks = Doctor.examine(f, stealNow, wakeup);
        PrintWriter w = spec.commandLine().getOut();
        Map<Doctor.State, Integer> counts = new EnumMap<>(Doctor.State.class);
        for (Doctor.Check c : checks) {
            counts.merge(c.state(), 1, Integer::sum);
            w.printf("%-7s %-34s %s%n", "[" + c.state() + "]", c.name(), c.value());
            if (c.state() != Doctor.State.OK) {
                w.println("        why: " + c.why());
                w.println("        fix: " + c.fix());
            }
        }
        w.println(dev.tailgate.run.AsyncProfilerLib.find(System.getenv()).describe());
        Optional<Calibration> calibration = Calibration.latest(results.dir);
        if (calibration.isPresent()) {
            CalibrateCommand.print(w, calibration.get());
        } else {
            w.println("calibration: none in " + results.dir + " (tailgate calibrate measures what ab resolves here)");
        }
        w.println("doctor: " + counts.getOrDefault(Doctor.State.OK, 0) + " ok, "
                + counts.getOrDefault(Doctor.State.WARN, 0) + " warn, " + counts.getOrDefault(Doctor.State.BAD, 0)
                + " bad, " + counts.getOrDefault(Doctor.State.UNKNOWN, 0) + " unknown (nothing was changed)");
        w.flush();
        return ExitCode.OK;
    }
}
