package dev.tailgate.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.cli.TailgateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
    @TempDir
    Path root;

    private static Map<String, Doctor.State> states(Fingerprint f) {
        return Doctor.examine(f).stream().collect(Collectors.toMap(Doctor.Check::name, Doctor.Check::state));
    }

    @Test
    void judgesATunedAndAnUntunedFakeHost() throws Exception {
        Files.createDirectories(root.resolve("sys/kernel/mm/transparent_hugepage"));
        Files.writeString(root.resolve("sys/kernel/mm/transparent_hugepage/enabled"), "[always] madvise never\n");
        Files.createDirectories(root.resolve("sys/devices/system/clocksource/clocksource0"));
        Files.writeString(root.resolve("sys/devices/system/clocksource/clocksource0/current_clocksource"), "hpet\n");
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/cgroup"), "0::/\n");
        Files.createDirectories(root.resolve("sys/fs/cgroup"));
        Files.writeString(root.resolve("sys/fs/cgroup/cpu.max"), "50000 100000\n");
        Files.writeString(root.resolve("proc/cmdline"), "intel_idle.max_cstate=0\n");
        Fingerprint f = FingerprintCapture.capture(Optional.empty(),
                new FingerprintCapture.Options(List.of(1), Optional.empty(), Optional.empty()), new HostProbe(root, true), java.time.Instant.EPOCH);
        Map<String, Doctor.State> s = states(f);
        assertEquals(Doctor.State.BAD, s.get("Transparent huge pages"));
        assertEquals(Doctor.State.BAD, s.get("Clocksource"));
        assertEquals(Doctor.State.BAD, s.get("cgroup CPU quota"));
        assertEquals(Doctor.State.OK, s.get("C-states"), "a max_cstate limit on the command line");
        assertEquals(Doctor.State.UNKNOWN, s.get("CPU frequency governor"), "no cpufreq is unknown, not OK");
        assertEquals(Doctor.State.UNKNOWN, s.get("CPU count"));
    }

    @Test
    void doctorOnThisHostReportsEveryCheckAndExitsZero() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, TailgateCommand.execute(new String[] {"doctor", "--sample-ms", "100"}, new PrintWriter(out),
                new PrintWriter(err)));
        Fingerprint f = FingerprintCapture.capture(Optional.empty(), FingerprintCapture.Options.standalone(), java.time.Instant.EPOCH);
        for (Doctor.Check c : Doctor.examine(f)) {
            assertTrue(out.toString().contains(c.name()), "missing " + c.name() + " in\n" + out);
        }
        assertTrue(out.toString().contains("nothing was changed"), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.contains("Steal time (now)") && !l.contains("UNKNOWN")),
                out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.contains("Timer wake-up CPU cost") && !l.contains("UNKNOWN")
                && l.matches(".*\\d+\\.\\d.*")), out.toString());
    }

    @Test
    void wakeupCostIsJudgedByItsPrice() {
        Fingerprint f = FingerprintCapture.capture(Optional.empty(), FingerprintCapture.Options.standalone(), java.time.Instant.EPOCH);
        Map<String, Doctor.State> cheap = Doctor.examine(f, Item.absent("x"), Item.of("4.2")).stream()
                .collect(Collectors.toMap(Doctor.Check::name, Doctor.Check::state));
        Map<String, Doctor.State> dear = Doctor.examine(f, Item.absent("x"), Item.of("37.0")).stream()
                .collect(Collectors.toMap(Doctor.Check::name, Doctor.Check::state));
        Map<String, Doctor.State> unknown = Doctor.examine(f).stream()
                .collect(Collectors.toMap(Doctor.Check::name, Doctor.Check::state));
        assertEquals(Doctor.State.OK, cheap.get("Timer wake-up CPU cost (µs)"));
        assertEquals(Doctor.State.WARN, dear.get("Timer wake-up CPU cost (µs)"));
        assertEquals(Doctor.State.UNKNOWN, unknown.get("Timer wake-up CPU cost (µs)"));
    }

    @Test
    void stealBetweenTwoReadings() {
        assertEquals("25.00", HostProbe.stealBetween("cpu  100 0 0 100 0 0 0 0\n", "cpu  130 0 0 160 0 0 0 30\n"));
        assertEquals("0.00", HostProbe.stealBetween("cpu  1 2 3 4\n", "cpu  1 2 3 4\n"));
    }
}
