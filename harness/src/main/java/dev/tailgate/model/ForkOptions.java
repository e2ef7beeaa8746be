package dev.tailgate.model;

import dev.tailgate.bench.net.TcpPingPongBenchmark;
import dev.tailgate.bench.support.EchoServer;
import dev.tailgate.bench.support.FloorIo;
import dev.tailgate.bench.support.HiccupPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the benchmark forks run, beyond the suite's JMH settings: the RESP protocol the clients
 * speak, extra options for the forks' JVMs, and the JMH profilers attached. Each changes what is
 * measured (RESP3 replies are parsed differently, a collector or heap size moves the tail, a
 * profiler samples stacks or counts allocations inside the measured code), so a manifest records
 * them and {@code compare} takes runs that differ in any of them as unlike.
 *
 * @param protocol  RESP2 or RESP3
 * @param jvmArgs   options added to every fork's JVM after tailgate's own, in the order given
 * @param profilers JMH profilers as {@code NAME[:OPTIONS]}, in the order given
 */
public record ForkOptions(String protocol, List<String> jvmArgs, List<String> profilers) {
    /** What a run got before these options existed, and what a manifest without them means. */
    public static final ForkOptions DEFAULT = new ForkOptions("RESP2", List.of(), List.of());
    /** The fork properties tailgate sets itself; a user's value would silently fight them. */
    static final String OWN_PROPERTIES = "-Dtailgate.";
    /**
     * The benchmarks' measurement switches (benchmarks/README.md, docs/performance.md): tailgate
     * never sets them, so a user may, and through {@code --jvm-args} they land in the manifest and
     * make a run unlike one without them.
     */
    static final List<String> SWITCHES = List.of(FloorIo.PROPERTY, EchoServer.IO_PROPERTY, HiccupPlacement.PROPERTY,
            TcpPingPongBenchmark.FRAMING, TcpPingPongBenchmark.TARGET);

    public ForkOptions {
        protocol = protocol == null ? DEFAULT.protocol : protocol;
        jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        profilers = profilers == null ? List.of() : List.copyOf(profilers);
    }

    /**
     * The options as given on the command line: {@code --protocol} (unset = RESP2), each
     * {@code --jvm-args} value split at whitespace, each {@code --prof} as typed.
     *
     * @throws UsageException for an unknown protocol or a JVM option tailgate sets itself
     */
    public static ForkOptions of(Optional<String> protocol, List<String> jvmArgs, List<String> profilers) {
        String p = protocol.map(v -> protocol(v).orElseThrow(() -> new UsageException("--protocol " + v
                + ": expected RESP2 or RESP3"))).orElse(DEFAULT.protocol);
        return new ForkOptions(p, jvmArgs("--jvm-args", jvmArgs), profilers);
    }

    /** RESP2 or RESP3 in any case, normalised; empty for anything else. */
    public static Optional<String> protocol(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        return v.equals("RESP2") || v.equals("RESP3") ? Optional.of(v) : Optional.empty();
    }

    /**
     * JVM options from {@code values}, each split at whitespace.
     *
     * @throws UsageException for a {@code -Dtailgate.*} property, naming {@code option}
     */
    public static List<String> jvmArgs(String option, List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String a : v.strip().split("\\s+")) {
                if (a.startsWith(OWN_PROPERTIES) && SWITCHES.stream().noneMatch(p -> a.startsWith("-D" + p + "="))) {
                    throw new UsageException(option + " " + a + ": tailgate sets the tailgate.* properties of the "
                            + "forks itself; use its options instead (--protocol, --profile, --target, ...); of them only"
                            + " the benchmarks' measurement switches may be given: " + String.join(", ", SWITCHES));
                }
                if (!a.isEmpty()) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** These options with {@code more} JVM options after the ones already here. */
    public ForkOptions plusJvmArgs(List<String> more) {
        List<String> all = new ArrayList<>(jvmArgs);
        all.addAll(more);
        return new ForkOptions(protocol, all, profilers);
    }

    public ForkOptions withProtocol(String p) {
        return new ForkOptions(p, jvmArgs, profilers);
    }

    /** What the forks get: the protocol property, then the user's JVM options. */
    public List<String> forkProperties() {
        List<String> out = new ArrayList<>();
        out.add("-Dtailgate.protocol=" + protocol);
        out.addAll(jvmArgs);
        return out;
    }
}
