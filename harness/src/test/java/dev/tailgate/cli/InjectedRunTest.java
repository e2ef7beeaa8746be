package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose manifest records an injected delay measured a known artificial difference: the
 * gate refuses to pass it (ERROR, exit 3) unless --allow-injected, says INJECTED either way,
 * and it can never be promoted to a baseline. The same run without the field passes.
 */
class InjectedRunTest {
    @TempDir
    Path tmp;
    Path results;
    Path thresholds;

    private Path runDir(String id, String injection) throws IOException {
        Path dir = Files.createDirectories(results.resolve(id));
        Files.copy(GateCommandTest.CAPTURED, dir.resolve("jmh.json"));
        Files.writeString(dir.resolve("manifest.json"), "{\"startedAt\":\"2026-11-25T10:00:00Z\",\"status\":\"COMPLETE\""
                + (injection.isEmpty() ? "" : ",\"injection\":" + injection) + "}");
        return dir;
    }

    @BeforeEach
    void setUp() throws IOException {
        results = Files.createDirectories(tmp.resolve("results"));
        thresholds = tmp.resolve("t.yaml");
        Files.writeString(thresholds, "schema: 1\nrules:\n  - id: get\n    match: \"JedisGetBenchmark.get\"\n"
                + "    limits: { p50: 1 ms }\n");
    }

    private CliRun gate(Path run, String... extra) {
        String[] base = {"gate", run.toString(), "--thresholds", thresholds.toString(), "--today", "2026-11-25",
            "--no-ledger"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void theGateRefusesToPassAnInjectedRun() throws IOException {
        CliRun real = gate(runDir("real", ""));
        assertEquals(ExitCode.OK, real.code(), real.toString());
        assertFalse(real.out().contains("INJECTED"), real.out());

        CliRun injected = gate(runDir("inj", "{\"spinNanos\": 200000, \"fraction\": 1.0}"));
        assertEquals(ExitCode.BAD_INPUT, injected.code(), injected.toString());
        assertTrue(injected.out().contains("decision: ERROR"), injected.out());
        assertTrue(injected.out().contains("INJECTED: manifest says the run is invalid (injected run: not a real "
                + "measurement (spin 200 µs on every call)"), injected.out());
        assertEquals(1, injected.err().lines().count(), injected.err());
        assertTrue(injected.err().contains("injected run: not a real measurement"), injected.err());
    }

    @Test
    void allowInjectedJudgesItButStillSaysInjected() throws IOException {
        CliRun r = gate(runDir("inj", "{\"spinNanos\": 200000, \"fraction\": 0.5}"), "--allow-injected");
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertTrue(r.out().contains("INJECTED: injected run: not a real measurement (spin 200 µs on 50% of calls) "
                + "(--allow-injected)"), r.out());
    }

    @Test
    void anInjectedRunIsNeverABaseline() throws IOException {
        Path inj = runDir("inj", "{\"spinNanos\": 5000, \"fraction\": 1.0}");
        CliRun r = CliRun.of("baseline", "promote", inj.toString(), "--name", "main", "--results", results.toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertEquals(inj + ": injected run: not a real measurement (spin 5 µs on every call): it can never be a baseline",
                r.err().strip().replaceFirst("^error: ", ""));
        assertFalse(Files.exists(results.resolve("baselines/main")));
    }

    @Test
    void aMalformedInjectionFieldIsBadInputNamingTheManifest() throws IOException {
        Path run = runDir("bad", "{\"spinNanos\": \"lots\"}");
        CliRun r = gate(run);
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains(run.resolve("manifest.json") + ": injection: expected"), r.err());
    }
}
