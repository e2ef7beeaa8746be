package dev.tailgate.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

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
        return field(STATUS);
    }

    /** The {@code Cpus_allowed_list} of a {@code /proc/<pid>/status}-style file, as CPU ids, if readable. */
    public static Optional<List<Integer>> listIn(Path statusFile) {
        try {
            return field(statusFile).map(AllowedCpus::parseList);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> field(Path statusFile) {
        try {
            for (String line : Files.readAllLines(statusFile)) {
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
        if (list == null || list.isBlank()) {
            return cpus;
        }
        for (String part : list.strip().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            try {
                if (dash < 0) {
                    cpus.set(Integer.parseInt(part.strip()));
                } else {
                    cpus.set(Integer.parseInt(part.substring(0, dash).strip()),
                            Integer.parseInt(part.substring(dash + 1).strip()) + 1);
                }
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("Cpus_allowed_list: expected a list like 0-2,5, got \"" + list + "\"");
            }
        }
        return cpus;
    }

    /** The kernel's list format as sorted CPU ids. */
    public static List<Integer> parseList(String list) {
        return parse(list).stream().boxed().toList();
    }

    /** Sorted CPU ids back to the kernel's list format ("0-2,5,7-8"). */
    public static String format(List<Integer> cpus) {
        List<String> parts = new ArrayList<>();
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            parts.add(i == j ? String.valueOf(sorted.get(i)) : sorted.get(i) + "-" + sorted.get(j));
            i = j + 1;
        }
        return String.join(",", parts);
    }

    /** True when {@code list} names exactly the one CPU {@code cpu}. */
    public static boolean isExactly(String list, int cpu) {
        BitSet cpus = parse(list);
        return cpu >= 0 && cpus.cardinality() == 1 && cpus.get(cpu);
    }
}
