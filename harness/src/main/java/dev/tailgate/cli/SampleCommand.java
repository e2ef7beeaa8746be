package dev.tailgate.cli;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.model.TailState;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.sample.TailSampler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code tailgate sample}: a long-running fixed-rate P99.9 sampler against a live Redis. Thin:
 * parses, resolves the password, installs the SIGINT/SIGTERM hook, hands off to {@link TailSampler}.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Fixed-rate (open-loop) tail sampler against a live Redis: one line per interval,",
            "an HdrHistogram interval log and a tail-state.json the gate can judge.",
            "Ctrl-C / SIGTERM stop it cleanly with every interval kept."})
public final class SampleCommand implements Callable<Integer> {

    @CommandLine.Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "N", description = "requests per second (default ${DEFAULT-VALUE})")
    long rate;

    @Option(names = "--duration", required = true, paramLabel = "D",
            description = "how long to run, e.g. 30s, 15m, 24h")
    Duration duration;

    @Option(names = "--interval", defaultValue = "10s", paramLabel = "D",
            description = "one line and one log interval per D (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--window", defaultValue = "60s", paramLabel = "D",
            description = "rolling window summarised in tail-state.json (default ${DEFAULT-VALUE})")
    Duration window;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default results/sample-<time>)")
    Optional<Path> out;

    @Option(names = "--max-slip", defaultValue = "100us", paramLabel = "D",
            description = "p99 schedule slip above this marks a summary invalid (default ${DEFAULT-VALUE})")
    Duration maxSlip;

    @Option(names = "--no-pin", description = "do not pin the sending thread")
    boolean noPin;

    @Option(names = "--cpu", paramLabel = "LIST", description = "CPU(s) for the sending thread, e.g. 1")
    Optional<String> cpu;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RedisTarget t = target.requireTarget("sample");
        if (rate <= 0 || rate > 1_000_000) {
            throw new UsageException("--rate " + rate + ": expected 1..1000000 requests per second");
        }
        if (window.compareTo(interval) < 0) {
            throw new UsageException("--window " + window + " is shorter than --interval " + interval);
        }
        Credentials credentials = target.credentials();
        Path dir = out.orElseGet(() -> Path.of("results",
                "sample-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(RootClock.of(spec).instant())));
        List<Integer> cpus = cpu.map(AllowedCpus::parseList).orElse(List.of());
        TailSampler sampler = new TailSampler(new TailSampler.Options(t, credentials.secret(), rate, duration, interval,
                window, dir, !noPin, cpus, maxSlip.toNanos()), spec.commandLine().getOut(), RootClock.of(spec));
        credentials.clear();
        Thread hook = new Thread(() -> {
            sampler.requestStop();
            try {
                sampler.awaitFinished(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tailgate-sample-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getErr().println("sampling " + t.url() + " at " + rate + " req/s for " + duration
                + " into " + dir + " (Ctrl-C stops cleanly)");
        spec.commandLine().getErr().flush();
        TailState state;
        try {
            state = sampler.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down: the hook is waiting for us
            }
        }
        spec.commandLine().getErr().println("wrote " + dir.resolve(TailSampler.STATE_FILE) + " and "
                + dir.resolve(state.hlog()));
        return ExitCode.OK;
    }
}
