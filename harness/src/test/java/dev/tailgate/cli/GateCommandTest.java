package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateCommandTest {
    static final Path ROOT = Path.of(System.getProperty("tailgate.test.root", ".."));
    static final Path CAPTURED = ROOT.resolve("harness/src/test/resources/jmh-captured/sample.json");

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TailgateCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private Path thresholds(String limits) throws IOException {
        Path t = tmp.resolve("t.yaml");
        Files.writeString(t, "schema: 1\nrules:\n  - id: get\n    match: \"JedisGetBenchmark.get\"\n    limits: " + limits + "\n");
        return t;
    }

    @Test
    void bareJmhJsonPassesAndWritesReportsToOut() throws IOException {
        Path json = Files.copy(CAPTURED, tmp.resolve("result.json"));
        Path out = tmp.resolve("reports");
        Result r = run("gate", json.toString(), "--thresholds", thresholds("{ p50: 1 ms }").toString(),
                "--out", out.toString(), "--today", "2026-11-25");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("decision: PASS (passed)"), r.out());
        for (String f : new String[] {"verdict.json", "junit.xml", "report.md"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }

    @Test
    void everyDecisionIsAppendedToTheLedgerWithInputHashes() throws IOException {
        Path json = Files.copy(CAPTURED, tmp.resolve("result.json"));
        Path ledger = tmp.resolve("ledger.jsonl");
        Path t = thresholds("{ p50: 1 ms }");
        Result pass = run("gate", json.toString(), "--thresholds", t.toString(), "--out", tmp.resolve("a").toString(),
                "--today", "2026-11-25", "--ledger", ledger.toString());
        Result fail = run("gate", json.toString(), "--thresholds", thresholds("{ p50: 1 us }").toString(),
                "--out", tmp.resolve("b").toString(), "--today", "2026-11-25", "--ledger", ledger.toString());
        assertEquals(0, pass.code(), pass.err());
        assertEquals(1, fail.code(), fail.err());
        java.util.List<String> lines = Files.readAllLines(ledger);
        assertEquals(2, lines.size());
        var first = dev.tailgate.io.JsonFiles.json().readTree(lines.get(0));
        var second = dev.tailgate.io.JsonFiles.json().readTree(lines.get(1));
        assertEquals("gate", first.get("kind").asText());
        assertEquals("PASS", first.get("decision").asText());
        assertEquals("FAIL", second.get("decision").asText());
        assertEquals(dev.tailgate.ledger.Provenance.sha256Hex(json), first.at("/inputs/jmh.json").asText());
        assertTrue(first.at("/inputs").has("thresholds/t.yaml"), first.toString());
        assertEquals(first.get("hash").asText(), second.get("prevHash").asText());
        Result verify = run("ledger", "verify", "--ledger", ledger.toString());
        assertEquals(0, verify.code(), verify.out() + verify.err());
        Result none = run("gate", json.toString(), "--thresholds", thresholds("{ p50: 1 ms }").toString(),
                "--out", tmp.resolve("c").toString(),
                "--today", "2026-11-25", "--ledger", ledger.toString(), "--no-ledger");
        assertEquals(0, none.code());
        assertEquals(2, Files.readAllLines(ledger).size(), "--no-ledger must not append");
    }

    @Test
    void failingGateExitsOneAndWritesNextToABareFile() throws IOException {
        Path json = Files.copy(CAPTURED, tmp.resolve("result.json"));
        Result r = run("gate", json.toString(), "--thresholds", thresholds("{ p50: 1 us }").toString(), "--today", "2026-11-25");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("FAIL"), r.out());
        assertTrue(Files.readString(tmp.resolve("junit.xml")).contains("<failure"));
    }

    @Test
    void malformedTodayIsAUsageError() throws IOException {
        Result r = run("gate", CAPTURED.toString(), "--thresholds", thresholds("{ p50: 1 ms }").toString(),
                "--today", "25.11.2026", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--today: \"25.11.2026\": expected YYYY-MM-DD"), r.err());
    }

    @Test
    void thresholdsShowPrintsTheMergedHierarchyAndCheckValidates() {
        Path smoke = ROOT.resolve("thresholds/smoke.yaml");
        Result show = run("thresholds", "show", smoke.toString());
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("inconclusive: warn"), show.out());
        assertTrue(show.out().contains("id: redis-ping"), show.out());
        Result check = run("thresholds", "check", smoke.toString());
        assertEquals(0, check.code(), check.err());
        assertTrue(check.out().startsWith("ok: "), check.out());
    }

    @Test
    void thresholdsCheckNotesExpiredWaivers() throws IOException {
        Path t = tmp.resolve("w.yaml");
        Files.writeString(t, """
                schema: 1
                rules:
                  - id: get
                    match: "JedisGetBenchmark.get"
                    limits: { p99: 1 ms }
                waivers:
                  - rule: get
                    reason: PERF-9
                    expires: 2026-11-24
                """);
        Result r = run("thresholds", "check", t.toString(), "--today", "2026-11-25");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("waiver for rule get expired on 2026-11-24 (PERF-9)"), r.out());
        assertEquals(1, run("thresholds", "check", t.toString(), "--today", "2026-11-24").out().lines().count());
    }
}
