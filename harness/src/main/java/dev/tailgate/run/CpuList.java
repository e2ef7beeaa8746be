package dev.tailgate.run;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Linux CPU list syntax ("0-3,6,8-9") to sorted CPU ids and back. */
public final class CpuList {
    private CpuList() {
    }

    public static List<Integer> parse(String text) {
        TreeSet<Integer> cpus = new TreeSet<>();
        if (text == null) {
            return List.of();
        }
        for (String part : text.strip().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                cpus.add(Integer.parseInt(part.strip()));
            } else {
                int lo = Integer.parseInt(part.substring(0, dash).strip());
                int hi = Integer.parseInt(part.substring(dash + 1).strip());
                for (int c = lo; c <= hi; c++) {
                    cpus.add(c);
                }
            }
        }
        return List.copyOf(cpus);
    }

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
}
