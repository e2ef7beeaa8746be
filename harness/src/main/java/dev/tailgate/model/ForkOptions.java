package dev.tailgate.model;

import dev.tailgate.bench.net.TcpPingPongBenchmark;
import dev.tailgate.bench.support.EchoServer;
import dev.tailgate.bench.support.FloorIo;
import dev.tailgate.bench.support.HiccupPlacement;
import dev.tailgate.bench.support.SwitchProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the benchmark forks run, beyond the suite's JMH settings: the RESP protocol the clients
 * speak, extra options for the forks' JVMs, the JMH profilers attached, and the I/O of the TCP
 * floor and raw RESP. Each changes what is measured (RESP3 replies are parsed differently, a
 * collector or heap size moves the tail, a profiler samples stacks or counts allocations inside
 * the measured code, socket streams cost more system calls per round trip than a channel), so a
 * manifest records them and {@code compare} takes runs that differ in any of them as unlike.
 *
 * @param protocol  RESP2 or RESP3
 * @param jvmArgs   options added to every fork's JVM after tailgate's own, in the order given
 * @param profilers JMH profilers as {@code NAME[:OPTIONS]}, in the order given
 * @param floorIo   the effective {@code tailgate.io} of the TCP floor and raw RESP over TCP
 *                  ({@code stream|channel|spin}): the last one in {@code jvmArgs}, else the one
 *                  the forks inherit from tailgate's own JVM, else the benchmarks' default. Over
 *                  TLS and Unix sockets those paths have socket streams whatever it says
 *                  (benchmarks/README.md). Recorded even when nobody asked for it, because the
 *                  default changed (issue 16): a manifest without it was written when the default
 *                  was {@code stream}, and is read as such
 */
public record ForkOptions(String protocol, List<String> jvmArgs, List<String> profilers, String floorIo) {
    /** The floor I/O of a manifest that did not record one: socket streams, the default before issue 16. */
    static final String UNRECORDED_FLOOR_IO = SwitchProperty.name(FloorIo.STREAM);
    /** What a new run gets without options: RESP2, no JVM options, no profiler, the default floor I/O. */
    public static final ForkOptions DEFAULT = new ForkOptions("RESP2", List.of(), List.of());
    /** What a manifest without fork options means: a run from before they existed. */
    public static final ForkOptions UNRECORDED = new ForkOptions("RESP2", List.of(), List.of(), UNRECORDED_FLOOR_IO);
    /** The fork properties tailgate sets itself; a user's value would silently fight them. */
    static final String OWN_PROPERTIES = "-Dtailgate.";
    private static final String FLOOR_IO = "-D" + FloorIo.PROPERTY + "=";
    /**
     * The benchmarks' measurement switches (benchmarks/README.md, docs/performance.md): tailgate
     * never sets them, so a user may, and through {@code --jvm-args} they land in the manifest and
     * make a run unlike one without them.
     */
    static final List<String> SWITCHES = List.of(FloorIo.PROPERTY, EchoServer.IO_PROPERTY, HiccupPlacement.PROPERTY,
            TcpPingPongBenchmark.FRAMING, TcpPingPongBenchmark.TARGET);

    /** A null {@code floorIo} (a manifest written before it was recorded) is its JVM options' or stream. */
    public ForkOptions {
        protocol = protocol == null ? "RESP2" : protocol;
        jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        profilers = profilers == null ? List.of() : List.copyOf(profilers);
        floorIo = floorIo != null ? floorIo : floorIoIn(jvmArgs).orElse(UNRECORDED_FLOOR_IO);
    }

    /** A new run's options with nothing inherited: the floor I/O is {@code jvmArgs}' or the benchmarks' default. */
    public ForkOptions(String protocol, List<String> jvmArgs, List<String> profilers) {
        this(protocol, jvmArgs, profilers, floorIoIn(jvmArgs == null ? List.of() : jvmArgs)
                .orElse(SwitchProperty.name(FloorIo.DEFAULT)));
    }

    /**
     * The options as given on the command line: {@code --protocol} (unset = RESP2), each
     * {@code --jvm-args} value split at whitespace, each {@code --prof} as typed.
     *
     * @throws UsageException for an unknown protocol or a JVM option tailgate sets itself
     */
    public static ForkOptions of(Optional<String> protocol, List<String> jvmArgs, List<String> profilers) {
        return of(protocol, jvmArgs, profilers, Optional.empty());
    }

    /**
     * The same, for forks that inherit {@code inheritedFloorIo} as {@code tailgate.io} from
     * tailgate's own JVM (JMH forks get the parent's flags, e.g. from {@code TAILGATE_JAVA_OPTS});
     * a {@code --jvm-args} value comes after it on the fork's command line, so it wins.
     *
     * @throws UsageException also for an inherited value the benchmarks would refuse
     */
    public static ForkOptions of(Optional<String> protocol, List<String> jvmArgs, List<String> profilers,
                                 Optional<String> inheritedFloorIo) {
        String p = protocol.map(v -> protocol(v).orElseThrow(() -> new UsageException("--protocol " + v
                + ": expected RESP2 or RESP3"))).orElse(DEFAULT.protocol);
        List<String> args = jvmArgs("--jvm-args", jvmArgs);
        String inherited = floorIo("-D" + FloorIo.PROPERTY + " of tailgate's JVM (TAILGATE_JAVA_OPTS)",
                inheritedFloorIo.orElse(null));
        return new ForkOptions(p, args, profilers, floorIoIn(args).orElse(inherited));
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
                if (a.startsWith(FLOOR_IO)) {
                    floorIo(option + " " + a, a.substring(FLOOR_IO.length()));
                }
                if (!a.isEmpty()) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /**
     * The benchmarks' name for {@code value} of {@code tailgate.io} (null or blank = their default).
     *
     * @throws UsageException for a value they would refuse, naming {@code where}
     */
    static String floorIo(String where, String value) {
        try {
            return SwitchProperty.name(SwitchProperty.parse(FloorIo.PROPERTY, value, FloorIo.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + ": " + e.getMessage());
        }
    }

    /**
     * The last {@code -Dtailgate.io=} among {@code args} (the JVM keeps the last of a repeated
     * property), in the benchmarks' spelling when they accept it and as written otherwise: a
     * recorded manifest is read, not judged.
     */
    static Optional<String> floorIoIn(List<String> args) {
        return lastFloorIo(args).map(v -> {
            try {
                return floorIo("", v);
            } catch (UsageException e) {
                return v;
            }
        });
    }

    /** The value of the last {@code -Dtailgate.io=} among JVM options {@code args}, as written. */
    public static Optional<String> lastFloorIo(List<String> args) {
        Optional<String> last = Optional.empty();
        for (String a : args) {
            if (a.startsWith(FLOOR_IO)) {
                last = Optional.of(a.substring(FLOOR_IO.length()));
            }
        }
        return last;
    }

    /** These options with {@code more} JVM options after the ones already here; their tailgate.io wins. */
    public ForkOptions plusJvmArgs(List<String> more) {
        List<String> all = new ArrayList<>(jvmArgs);
        all.addAll(more);
        return new ForkOptions(protocol, all, profilers, floorIoIn(more).orElse(floorIo));
    }

    public ForkOptions withProtocol(String p) {
        return new ForkOptions(p, jvmArgs, profilers, floorIo);
    }

    /** What the forks get: the protocol property, then the user's JVM options. */
    public List<String> forkProperties() {
        List<String> out = new ArrayList<>();
        out.add("-Dtailgate.protocol=" + protocol);
        out.addAll(jvmArgs);
        return out;
    }
}
