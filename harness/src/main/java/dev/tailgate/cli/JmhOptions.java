package dev.tailgate.cli;

import dev.tailgate.model.ForkOptions;
import dev.tailgate.model.UsageException;
import dev.tailgate.run.Suite;
import dev.tailgate.suite.SuiteCheck;
import dev.tailgate.suite.SuiteFiles;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * What to measure and how long, as {@code run}, {@code ab} and {@code calibrate} share it: the
 * suite, a benchmark filter, JMH's iteration counts and times, the forks' protocol and JVM
 * options, pinning and console verbosity. A picocli mixin, so the commands spell, default and
 * check these options the same way. Unset counts and times leave the suite's own.
 */
public final class JmhOptions {
    @Option(names = "--suite", defaultValue = "smoke", paramLabel = "NAME|FILE",
            description = {"A suite name or a suite .yaml file (docs/suites.md): smoke (<= 3 min on 2 cores), nightly"
                    + " (thorough, 5 forks), tails (open-loop fixed-rate), or your own. Default: ${DEFAULT-VALUE}."})
    String suite;

    @Option(names = "--suites-dir", paramLabel = "DIR",
            description = "Look suite names up here first, then in ./suites, then among the bundled suites.")
    java.nio.file.Path suitesDir;

    @Option(names = "--include", paramLabel = "REGEX", description = "Only benchmarks of the suite whose name matches.")
    String include;

    @Option(names = "--iterations", description = "Measurement iterations per fork.")
    Integer iterations;

    @Option(names = "--time", paramLabel = "D", description = "Time per measurement iteration, e.g. 2s, 500ms.")
    Duration time;

    @Option(names = "--warmup-iterations", description = "Warmup iterations per fork.")
    Integer warmupIterations;

    @Option(names = "--warmup-time", paramLabel = "D", description = "Time per warmup iteration.")
    Duration warmupTime;

    @Option(names = "--protocol", paramLabel = "RESP2|RESP3",
            description = "RESP protocol of the Jedis and Lettuce clients (raw RESP is always RESP2). Default: RESP2.")
    String protocol;

    @Option(names = "--jvm-args", paramLabel = "OPTIONS",
            description = "Extra JVM options for the benchmark forks, split at spaces, e.g. --jvm-args='-Xmx2g -XX:+UseParallelGC';"
                    + " repeatable. Recorded in the manifest (secret-named -D values masked).")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--no-pin", description = "Do not pin Redis or benchmark threads.")
    boolean noPin;

    @Option(names = "--verbose",
            description = "Also stream JMH's whole console output to stderr (it always goes to the run directory's jmh.log).")
    boolean verbose;

    /** The suite, found, parsed and checked against this build's benchmarks before anything starts. */
    public Suite suite() {
        Suite s = SuiteFiles.load(suite, Optional.ofNullable(suitesDir));
        SuiteCheck.benchmarks(s);
        return s;
    }

    public Optional<String> include() {
        return Optional.ofNullable(include);
    }

    public OptionalInt iterations() {
        return atLeast(iterations, 1, "--iterations");
    }

    public Optional<Duration> time() {
        return Optional.ofNullable(time);
    }

    /** Zero warmup iterations is a choice (measure cold), unlike zero measurement iterations. */
    public OptionalInt warmupIterations() {
        return atLeast(warmupIterations, 0, "--warmup-iterations");
    }

    public Optional<Duration> warmupTime() {
        return Optional.ofNullable(warmupTime);
    }

    /**
     * --protocol and --jvm-args, with {@code profilers} (empty where a command has no --prof), and
     * the {@code tailgate.io} on this JVM's command line: JMH starts its forks with the parent's
     * JVM options (a property set at run time is not among them), then tailgate's.
     */
    public ForkOptions forkOptions(List<String> profilers) {
        return ForkOptions.of(Optional.ofNullable(protocol), jvmArgs, profilers,
                ForkOptions.lastFloorIo(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }

    public boolean pin() {
        return !noPin;
    }

    /** The console progress of a run or an A/B: live on a terminal, off with --verbose (JMH's own output goes there). */
    ConsoleProgress progress(java.io.PrintWriter err) {
        return ConsoleProgress.forRun(err, !verbose() && ConsoleProgress.stderrIsTerminal());
    }

    public boolean verbose() {
        return verbose;
    }

    /** A count option: unset, or at least {@code min}. */
    static OptionalInt atLeast(Integer value, int min, String option) {
        if (value == null) {
            return OptionalInt.empty();
        }
        if (value < min) {
            throw new UsageException(option + " " + value + ": must be >= " + min);
        }
        return OptionalInt.of(value);
    }
}
