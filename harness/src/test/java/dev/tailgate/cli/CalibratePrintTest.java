package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.run.Calibration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Why a calibration has no injected check: a p50 spread too wide to inject is not "no spread measured". */
class CalibratePrintTest {
    @Test
    void aResolvedShiftTooLargeToInjectSaysSoAndWhatToDo() {
        String out = print(List.of(new Calibration.Shift("JedisPingBenchmark.ping", "p50", 0.025, 40.0, 3000.0, "NO_CHANGE",
                null)));
        assertTrue(out.contains("injected check: none (the p50 shift the A/A resolves needs a spin longer than 1000 ms"), out);
        assertTrue(out.contains("longer --budget or on a quieter host"), out);
    }

    @Test
    void noSpreadMeasuredIsStillSaid() {
        String out = print(List.of(new Calibration.Shift("JedisPingBenchmark.ping", "p50", 0.025, null, null, "NO_CHANGE",
                "too few rounds")));
        assertTrue(out.contains("injected check: none (no p50 spread was measured)"), out);
    }

    private static String print(List<Calibration.Shift> resolution) {
        Calibration c = new Calibration(Calibration.SCHEMA, Instant.parse("2026-12-07T21:00:00Z"), 60, 5.0, 12, 0.9, "aa-a",
                "aa-b", 12, "budget", 0, 8, resolution, Optional.empty());
        StringWriter s = new StringWriter();
        try (PrintWriter w = new PrintWriter(s)) {
            CalibrateCommand.print(w, c);
        }
        return s.toString();
    }
}
