package dev.tailgate.fingerprint;

import dev.tailgate.bench.support.AllowedCpus;
import dev.tailgate.model.CorePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** This host's CPUs as Linux shows them: what this process may use, what is isolated, where a process runs. */
public final class HostCpus {
    private HostCpus() {
    }

    /** The core plan for this host now ({@link CorePlan#decide} fed from /proc and /sys). */
    public static CorePlan plan(boolean pin) {
        List<Integer> available = allowedCpus().orElseGet(() -> {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                all.add(i);
            }
            return all;
        });
        List<Integer> isolated = readCpuList(Path.of("/sys/devices/system/cpu/isolated")).orElse(List.of());
        return CorePlan.decide(pin, available, isolated);
    }

    /** {@code Cpus_allowed_list} of this process (Linux); empty elsewhere. */
    static Optional<List<Integer>> allowedCpus() {
        return cpusAllowed(Path.of("/proc/self/status"));
    }

    static Optional<List<Integer>> readCpuList(Path p) {
        try {
            return Optional.of(AllowedCpus.parseList(Files.readString(p)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Real CPU affinity of a process (Linux), e.g. of redis-server after server_cpulist. */
    public static Optional<List<Integer>> affinityOf(long pid) {
        return cpusAllowed(Path.of("/proc/" + pid + "/status"));
    }

    private static Optional<List<Integer>> cpusAllowed(Path status) {
        return AllowedCpus.listIn(status);
    }
}
