package dev.tailgate.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Optional;

/**
 * The calling thread's real CPU affinity, read from the kernel rather than from the affinity
 * library (which reports success even when it did nothing). Linux only: elsewhere the
 * answer is empty and callers record "unknown".
 */
public final class AllowedCpus {
    private static final Path STATUS = Path.of("/proc/thread-self/status");
    private static final String FIELD = "Cpus_allowed_list:";

    private AllowedCpus() {
    }

    /** True when {@link #ofCurrentThread()} can answer on this machine. */
    public static boolean readable() {
        return Files.isReadable(STATUS);
    }

    /** The {@code Cpus_allowed_list} of the calling thread, e.g. "1" or "0-1", if readable. */
    public static Optional<String> ofCurrentThread() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(FIELD)) {
                    return Optional.of(line.substring(FIELD.length()).strip());
                }
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Parses the kernel's list format ("0-2,5,7-8") into a set of CPU numbers. */
    public static BitSet parse(String list) {
        BitSet cpus = new BitSet();
        if (list.isBlank()) {
            return cpus;
        }
        for (String part : list.strip().split(",")) {
            int dash = part.indexOf('-');
            try {
                if (dash < 0) {
                    cpus.set(Integer.parseInt(part.strip()));
                } else {
                    cpus.set(Integer.parseInt(part.substring(0, dash).strip()),
                            Integer.parseInt(part.substring(dash + 1).strip()) + 1);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Cpus_allowed_list: expected a list like 0-2,5, got \"" + list + "\"");
            }
        }
        return cpus;
    }

    /** True when {@code list} names exactly the one CPU {@code cpu}. */
    public static boolean isExactly(String list, int cpu) {
        BitSet cpus = parse(list);
        return cpu >= 0 && cpus.cardinality() == 1 && cpus.get(cpu);
    }
}
