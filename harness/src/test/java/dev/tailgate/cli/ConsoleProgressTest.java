package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A log gets plain lines only; a terminal gets the live line too, wiped before each plain line. */
class ConsoleProgressTest {

    @Test
    void notATerminalGetsPlainLinesAndNoRedraws() {
        StringWriter sw = new StringWriter();
        try (ConsoleProgress p = ConsoleProgress.forRun(new PrintWriter(sw, true), false)) {
            p.trialStarted(1, 2, "JedisPing");
            p.advanced(500, 2000, "JedisPing, measurement 1/2");
            p.trialFinished("[1/2] JedisPing: 10 samples, p50 1.0 us, p99 2.0 us, pinning BOUND");
            p.note("round 1/3: B (candidate)");
            p.jmhError("<failure>");
        }
        assertEquals("[1/2] JedisPing: 10 samples, p50 1.0 us, p99 2.0 us, pinning BOUND\n"
                + "== round 1/3: B (candidate)\njmh: <failure>\n", sw.toString());
    }

    @Test
    void aTerminalGetsALiveLineWithTheEtaAndPlainLinesAboveIt() {
        StringWriter sw = new StringWriter();
        try (ConsoleProgress p = ConsoleProgress.forRun(new PrintWriter(sw, true), true)) {
            p.advanced(0, 4000, "JedisPing, starting");
            p.advanced(2000, 4000, "JedisPing, measurement 1/2");
            p.trialFinished("[1/1] JedisPing: 10 samples");
        }
        String s = sw.toString();
        int live = s.indexOf("\rrun  50%");
        int line = s.indexOf("\r[1/1] JedisPing: 10 samples\n");
        assertTrue(live >= 0 && s.substring(live).startsWith("\rrun  50%") && s.indexOf("JedisPing, measurement 1/2", live) > live, s);
        assertTrue(line > live, "the trial line comes after the live line, wiping it first: " + s);
        assertTrue(s.substring(line - 1).startsWith(" \r"), s);
        assertTrue(s.endsWith(" \r"), "the live line is wiped when the run ends: " + s);
    }
}
