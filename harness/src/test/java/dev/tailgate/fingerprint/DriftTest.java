package dev.tailgate.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.cli.TailgateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift on fingerprints with injected changes: severities, DriftCheck coverage and exit codes. */
class DriftTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path baseline;
    @TempDir
    Path tmp;

    /** One capture for the class: the JNA load behind the affinity item costs about a second. */
    @BeforeAll
    static void capture() throws Exception {
        Path run = shared.resolve("run-1");
        baseline = run.resolve(FingerprintJson.FILE_NAME);
        FingerprintJson.write(FingerprintCapture.capture(Optional.empty(), FingerprintCapture.Options.standalone(), java.time.Instant.EPOCH),
                baseline);
    }

    /** A copy of the baseline with {@code section.item} set to a present value. */
    private Path inject(String name, String section, String item, String value) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(baseline.toFile());
        ObjectNode node = JSON.createObjectNode().put("state", "PRESENT").put("value", value);
        ((ObjectNode) root.get(section)).set(item, node);
        Path out = tmp.resolve(name + ".json");
        JSON.writeValue(out.toFile(), root);
        return out;
    }

    private static int drift(StringWriter out, StringWriter err, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "drift";
        System.arraycopy(args, 0, full, 1, args.length);
        return TailgateCommand.execute(full, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void identicalFingerprintsHaveNoDrift() {
        Fingerprint f = FingerprintJson.read(baseline);
        assertEquals(List.of(), Drift.compare(f, f));
        StringWriter out = new StringWriter();
        assertEquals(0, drift(out, new StringWriter(), baseline.getParent().toString(), baseline.toString()));
        assertTrue(out.toString().contains("drift: 0 critical, 0 warning, 0 info"), out.toString());
    }

    @Test
    void injectedChangesGetTheirSeverityAndExitCode() throws Exception {
        record Case(String section, String item, String value, Severity severity, int exit) {
        }
        for (Case c : List.of(
                new Case("os", "kernel", "9.9.9-other", Severity.CRITICAL, 1),
                new Case("memory", "thpEnabled", "always", Severity.CRITICAL, 1),
                new Case("cpu", "governor", "powersave", Severity.CRITICAL, 1),
                new Case("jvm", "version", "21.0.1", Severity.CRITICAL, 1),
                new Case("boot", "isolcpus", "2-3", Severity.CRITICAL, 1),
                new Case("clients", "protocol", "RESP3", Severity.CRITICAL, 1),
                new Case("memory", "swappiness", "1", Severity.WARNING, 0),
                new Case("irq", "irqbalance", "running (pid 1)", Severity.WARNING, 0),
                new Case("virtualisation", "stealPercent", "3.50", Severity.INFO, 0))) {
            Path current = inject(c.item(), c.section(), c.item(), c.value());
            List<Drift.Difference> d = Drift.compare(FingerprintJson.read(baseline), FingerprintJson.read(current));
            assertEquals(1, d.size(), c + " -> " + d);
            assertEquals(c.section() + "." + c.item(), d.get(0).item());
            assertEquals(c.severity(), d.get(0).severity(), c.toString());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(c.exit(), drift(out, err, baseline.toString(), current.toString()), c + " " + out + err);
            assertTrue(out.toString().lines().anyMatch(l -> l.startsWith(c.severity().name())
                    && l.contains(" " + c.section() + "." + c.item() + ": ")), out.toString());
        }
    }

    @Test
    void presentTurningAbsentIsDriftToo() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(baseline.toFile());
        ((ObjectNode) root.get("cpu")).set("clocksource",
                JSON.createObjectNode().put("state", "ABSENT").put("reason", Item.PERMISSION_DENIED));
        Path current = tmp.resolve("absent.json");
        JSON.writeValue(current.toFile(), root);
        List<Drift.Difference> d = Drift.compare(FingerprintJson.read(baseline), FingerprintJson.read(current));
        assertEquals(1, d.size(), d.toString());
        assertEquals(Severity.CRITICAL, d.get(0).severity());
    }

    @Test
    void driftCheckForgivesOnlyTheDeclaredVariable() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(baseline.toFile());
        ((ObjectNode) root.get("os")).set("kernel", JSON.createObjectNode().put("state", "PRESENT").put("value", "x"));
        ((ObjectNode) root.get("redis")).set("configHash",
                JSON.createObjectNode().put("state", "PRESENT").put("value", "ab".repeat(32)));
        ((ObjectNode) root.get("redis").get("config")).put("hz", "100");
        Path current = tmp.resolve("two.json");
        JSON.writeValue(current.toFile(), root);
        Fingerprint a = FingerprintJson.read(baseline);
        Fingerprint b = FingerprintJson.read(current);
        assertEquals(Set.of("os.kernel", "redis.configHash"),
                Set.copyOf(DriftCheck.check(a, b, Set.of()).stream().map(Drift.Difference::item).toList()));
        assertEquals(List.of("os.kernel"),
                DriftCheck.check(a, b, Set.of("redis-config")).stream().map(Drift.Difference::item).toList());
        assertEquals(List.of("redis.configHash"),
                DriftCheck.check(a, b, Set.of("kernel")).stream().map(Drift.Difference::item).toList());
        assertEquals(List.of(), DriftCheck.check(a, b, Set.of("os.kernel", "redis")));
        assertTrue(Drift.compare(a, b).stream().anyMatch(d -> d.item().equals("redis.config.hz")
                && d.severity() == Severity.INFO));
    }

    @Test
    void badInputExitsThree() throws Exception {
        Path garbage = tmp.resolve("garbage.json");
        Files.writeString(garbage, "[1, 2");
        Path partial = tmp.resolve("partial.json");
        ObjectNode root = (ObjectNode) JSON.readTree(baseline.toFile());
        root.remove("cpu");
        JSON.writeValue(partial.toFile(), root);
        for (String bad : List.of(garbage.toString(), partial.toString(), tmp.resolve("nope.json").toString(),
                tmp.toString())) {
            StringWriter err = new StringWriter();
            assertEquals(3, drift(new StringWriter(), err, baseline.toString(), bad), bad + ": " + err);
            assertEquals(1, err.toString().lines().count(), err.toString());
        }
        StringWriter err = new StringWriter();
        assertEquals(2, drift(new StringWriter(), err), err.toString());
    }

    @Test
    void everyItemHasAnExplicitRule() {
        Fingerprint f = FingerprintJson.read(baseline);
        for (String item : f.items().keySet()) {
            assertTrue(Drift.RULES.stream().anyMatch(r -> r.matches(item)), "no drift rule for " + item);
        }
    }
}
