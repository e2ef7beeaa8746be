package dev.tailgate.cli;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.model.TailState;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisTarget;
import dev.tailgate.run.TailSampler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tailgate sample}: a long-running fixed-rate P99.9 sampler against a live Redis. Thin:
 * parses, resolves the password, installs the SIGINT/SIGTERM hook, hands off to {@link TailSampler}.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Fixed-rate (open-loop) tail sampler against a live Redis: one line per interval,",
            "an HdrHistogram interval log and a tail-state.json the gate can judge.",
            "Ctrl-C / SIGTERM stop it cleanly with every interval kept."})
public final class SampleCommand implements Callable<Integer> {

    @Option(names = "--target", required = true, paramLabel = "URL",
            description = "redis://[user@]host:port[/db]; password from REDIS_PASSWORD or --password-file")
    String target;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "N", description = "requests per second (default ${DEFAULT-VALUE})")
    long rate;

    @Option(names = "--duration", required = true, paramLabel = "D", converter = DurationConverter.class,
            description = "how long to run, e.g. 30s, 15m, 24h")
    Duration duration;

    @Option(names = "--interval", defaultValue = "10s", paramLabel = "D", converter = DurationConverter.class,
            description = "one line and one log interval per D (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--window", defaultValue = "60s", paramLabel = "D", converter = DurationConverter.class,
            description = "rolling window summarised in tail-state.json (default ${DEFAULT-VALUE})")
    Duration window;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default results/sample-<time>)")
    Optional<Path> out;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file holding the Redis password")
    Optional<Path> passwordFile;

    @Option(names = "--max-slip", defaultValue = "100us", paramLabel = "D", converter = DurationConverter.class,
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
        if (rate <= 0 || rate > 1_000_000) {
            throw new UsageException("--rate " + rate + ": expected 1..1000000 requests per second");
        }
        positive("--duration", duration);
        positive("--interval", interval);
        positive("--window", window);
        if (window.compareTo(interval) < 0) {
            throw new UsageException("--window " + window + " is shorter than --interval " + interval);
        }
        RedisTarget t = RedisTarget.parse(target);
        Credentials credentials = Credentials.resolve(passwordFile, System.getenv());
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

    /** A zero or negative span would divide by zero or never end: a usage error naming the option as typed. */
    private void positive(String option, Duration d) {
        if (d.isZero() || d.isNegative()) {
            CommandLine.Model.OptionSpec o = spec.findOption(option);
            String typed = o == null || o.stringValues().isEmpty() ? d.toString() : o.stringValues().get(0);
            throw new UsageException(option + " " + typed + ": must be positive");
        }
    }

    /** 500us, 250ms, 10s, 15m, 24h (and ISO-8601 PT10S). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern TEXT = Pattern.compile("(\\d+)(us|ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = TEXT.matcher(value.strip());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "us" -> Duration.ofNanos(n * 1_000);
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            try {
                return Duration.parse(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("\"" + value + "\": expected a duration like 500us, 250ms, 10s, 15m, 24h");
            }
        }
    }
}
