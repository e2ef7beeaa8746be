package dev.tailgate.run;

import dev.tailgate.compare.CompareConfig;
import dev.tailgate.compareservice.LikeWithLike.Variable;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.ForkOptions;
import dev.tailgate.model.UsageException;
import dev.tailgate.suite.SuiteFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --protocol, --jvm-args and --prof as options and as an A/B arm's protocol: and jvm:. */
class ForkOptionsArmSpecTest {

    @Test
    void optionsAreCheckedAndReachTheForksAfterTailgatesOwn() {
        ForkOptions f = ForkOptions.of(Optional.of("resp3"), List.of("-Xmx1g  -XX:+UseSerialGC", "-Dx=1"), List.of("gc"));
        assertEquals(List.of("-Dtailgate.protocol=RESP3", "-Xmx1g", "-XX:+UseSerialGC", "-Dx=1"), f.forkProperties());
        assertEquals("RESP2", ForkOptions.of(Optional.empty(), List.of(), List.of()).protocol());
        UsageException p = assertThrows(UsageException.class, () -> ForkOptions.of(Optional.of("RESP4"), List.of(), List.of()));
        assertEquals("--protocol RESP4: expected RESP2 or RESP3", p.getMessage());
        UsageException own = assertThrows(UsageException.class,
                () -> ForkOptions.of(Optional.empty(), List.of("-Dtailgate.protocol=RESP3"), List.of()));
        assertTrue(own.getMessage().startsWith("--jvm-args -Dtailgate.protocol=RESP3: tailgate sets"), own.getMessage());
        // the benchmarks' measurement switches are the user's, and are recorded like any JVM option
        assertEquals(List.of("-Dtailgate.io=spin", "-Dtailgate.hiccup=off"), ForkOptions.of(Optional.empty(),
                List.of("-Dtailgate.io=spin -Dtailgate.hiccup=off"), List.of()).jvmArgs());
    }

    @Test
    void anArmSetsItsProtocolAndJvmOptionsOverTheCommonOnes() {
        ArmSpec a = ArmSpec.parse("--baseline", "profile:stock");
        ArmSpec b = ArmSpec.parse("--candidate", "profile:stock,protocol:resp3,jvm:-Xmx1g -XX:+UseSerialGC");
        ForkOptions common = ForkOptions.of(Optional.empty(), List.of("-Xss1m"), List.of());
        assertEquals(new ForkOptions("RESP3", List.of("-Xss1m", "-Xmx1g", "-XX:+UseSerialGC"), List.of()), b.forks(common));
        assertEquals(common, a.forks(common));
        assertEquals(Set.of(Variable.PROTOCOL, Variable.JVM_ARGS), ArmSpec.declared(a, b, common));
        ArmSpec resp3 = ArmSpec.parse("--baseline", "profile:stock,protocol:RESP3");
        assertEquals(Set.of(), ArmSpec.declared(resp3, a, common.withProtocol("RESP3")), "the same protocol either way");
        BadInputException bad = assertThrows(BadInputException.class, () -> ArmSpec.parse("--candidate", "protocol:RESP1"));
        assertEquals("--candidate protocol:RESP1: expected RESP2 or RESP3", bad.getMessage());
        BadInputException own = assertThrows(BadInputException.class, () -> ArmSpec.parse("--candidate", "jvm:-Dtailgate.pin=false"));
        assertTrue(own.getMessage().startsWith("--candidate jvm: -Dtailgate.pin=false: tailgate sets"), own.getMessage());
        BadInputException kind = assertThrows(BadInputException.class, () -> ArmSpec.parse("--candidate", "jvm:-Dpw.secret=x,colour:red"));
        assertTrue(!kind.getMessage().contains("=x") && kind.getMessage().contains("<redacted>"), kind.getMessage());
    }

    @Test
    void armsThatCannotShareOneJvmTakeForkRounds() {
        ArmSpec stock = ArmSpec.parse("--baseline", "profile:stock");
        assertEquals(Optional.empty(), AbEngine.sharedJvmConflict(request(stock, stock, ForkOptions.DEFAULT)));
        assertTrue(AbEngine.sharedJvmConflict(request(stock, ArmSpec.parse("--candidate", "protocol:RESP3"),
                ForkOptions.DEFAULT)).orElseThrow().contains("protocol or JVM options"));
        assertTrue(AbEngine.sharedJvmConflict(request(stock, stock, new ForkOptions("RESP2", List.of(), List.of("gc"))))
                .orElseThrow().contains("--prof"));
    }

    private static AbEngine.Request request(ArmSpec a, ArmSpec b, ForkOptions fork) {
        return new AbEngine.Request(List.of("tailgate", "ab"), SuiteFiles.load("smoke", Optional.empty()), a, b, OptionalInt.of(2),
                Duration.ofMinutes(1), AbEngine.Choice.AUTO, Optional.empty(), OptionalInt.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), false, Optional.empty(), Path.of("results"),
                CompareConfig.defaults(1), fork);
    }

    @Test
    void jmhsProfilerListIsReadAndTailgateAddsOutputAndLibrary() {
        String listing = "Supported profilers:\n          cl: Classloader profiling via standard MBeans \n"
                + "          gc: GC profiling via standard MBeans \n\nUnsupported profilers:\n       async: <none> \n"
                + "Unable to load async-profiler. Ensure ...\n     perfasm: <none> \n[Cannot run program \"perf\"]\n\n";
        Map<String, String> unsupported = new HashMap<>();
        assertEquals(List.of("cl", "gc"), Profilers.parseCatalogue(listing, unsupported));
        assertEquals("Unable to load async-profiler. Ensure ...", unsupported.get("async"));
        assertEquals("Cannot run program \"perf\"", unsupported.get("perfasm"));

        AsyncProfilerLib lib = new AsyncProfilerLib(Optional.of("installed"), "/opt/ap/lib/libasyncProfiler.so",
                Optional.of(Path.of("/opt/ap/lib/libasyncProfiler.so")));
        Profilers.Spec async = Profilers.forJmh(Profilers.Spec.parse("async:event=alloc;output=jfr"), Path.of("/r/profiles/.jmh"), lib);
        assertEquals("async", async.name());
        assertEquals("event=alloc;output=jfr;dir=/r/profiles/.jmh/async;libPath=/opt/ap/lib/libasyncProfiler.so", async.options());
        assertEquals(new Profilers.Spec("gc", ""), Profilers.forJmh(Profilers.Spec.parse("gc"), Path.of("/r"), lib));
        assertEquals("-size=64-x=a_b", ProfileFiles.suffix(new java.util.TreeMap<>(Map.of("x", "a/b", "size", "64"))));
    }
}
