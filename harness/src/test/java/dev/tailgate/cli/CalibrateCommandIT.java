package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.redis.EmbeddedRedis;
import dev.tailgate.redis.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real, short {@code calibrate} against one Redis: the A/A, the resolution computed from it,
 * the injected A/B at the predicted p50 shift, {@code calibration.json}, and {@code doctor}
 * showing it. It asserts what calibrate did and wrote, not what this noisy host resolves: a
 * 10 s budget over 500 ms iterations gives one alternated fork per A/B (its ten iterations alone
 * take over 5 s, so a second fork would not fit), so whether the injected shift is detected
 * (exit 0 or 1) is the host's business, and both are accepted. The suite's 1 s iterations and a
 * 20 s budget gave the same one fork in twice the time. The budget must still hold two rounds at
 * the A/A's pace, which leaves the fork 15 s; and the iterations must stay long enough for the
 * A/A's round-to-round spread to predict a shift a spin can make: at 200 ms, under a load of 13,
 * it predicted a 40-hour spin (exit 3).
 */
class CalibrateCommandIT {

    @BeforeAll
    static void setUp() {
        TestRedis.home().ifPresent(h -> System.setProperty("tailgate.home", h.toString()));
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void calibratesWritesAndDoctorShowsIt(@TempDir Path results) throws Exception {
        try (EmbeddedRedis redis = TestRedis.start("stock")) {
            CliRun r = CliRun.of("calibrate", "--target", "redis://127.0.0.1:" + redis.target().port(), "--budget", "10s",
                    "--warmup-time", "500ms", "--time", "500ms", "--no-pin", "--results", results.toString());
            assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.GATE_FAILED, r.toString());
            assertTrue(r.out().contains("resolution: smallest shift detected with 90% power:"), r.out());
            Path dir;
            try (Stream<Path> s = Files.list(results)) {
                dir = s.filter(p -> p.getFileName().toString().contains("-calibrate-")).findFirst().orElseThrow();
            }
            JsonNode c = JsonFiles.json().readTree(dir.resolve("calibration.json").toFile());
            assertEquals(List.of("p50", "p99", "p99.9"), c.at("/resolution").findValuesAsText("statistic"), c.toString());
            JsonNode p50 = c.at("/resolution/0");
            assertTrue(p50.at("/shift").asDouble() > p50.at("/margin").asDouble(), p50.toString());
            assertTrue(c.at("/aaRounds").asInt() >= 2 && c.at("/rounds").asInt() >= 2, c.toString());
            long spin = c.at("/injected/spinNanos").asLong();
            assertTrue(spin > 0, c.toString());
            // the injected arm is marked as such, with the spin calibrate chose
            JsonNode manifest = JsonFiles.json().readTree(results.resolve(c.at("/injected/candidateRun").asText())
                    .resolve("manifest.json").toFile());
            assertEquals(spin, manifest.at("/injection/spinNanos").asLong());
            assertEquals(r.code() == ExitCode.OK, c.at("/injected/detected").asBoolean() && c.at("/aaFalseAlarms").asInt() == 0,
                    r.out());

            CliRun doctor = CliRun.of("doctor", "--sample-ms", "0", "--results", results.toString());
            assertEquals(ExitCode.OK, doctor.code(), doctor.toString());
            assertTrue(doctor.out().contains("calibration of " + c.at("/takenAt").asText()), doctor.out());
            assertTrue(doctor.out().contains("injected check: JedisPingBenchmark.ping p50"), doctor.out());
        }
    }

    @Test
    void doctorSaysWhenThereIsNoCalibration(@TempDir Path results) {
        CliRun doctor = CliRun.of("doctor", "--sample-ms", "0", "--results", results.toString());
        assertEquals(ExitCode.OK, doctor.code(), doctor.toString());
        assertTrue(doctor.out().contains("calibration: none in " + results), doctor.out());
    }
}
