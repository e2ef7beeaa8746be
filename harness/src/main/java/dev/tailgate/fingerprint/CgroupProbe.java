package dev.tailgate.fingerprint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * This process's cgroup CPU limits. A CFS quota throttles the whole group for the rest of a
 * period once it is used up: a classic source of 10-100 ms latency spikes in containers that
 * no amount of pinning fixes. Handles cgroup v2 ({@code 0::/path}, {@code cpu.max},
 * {@code cpuset.cpus.effective}) and v1 ({@code cpu.cfs_quota_us}, {@code cpuset.effective_cpus}).
 */
final class CgroupProbe {
    private final Path root;
    private final Function<String, Item> read;

    CgroupProbe(Path root, Function<String, Item> read) {
        this.root = root;
        this.read = read;
    }

    Item cpuset() {
        Item cgroup = read.apply("proc/self/cgroup");
        if (!cgroup.present()) {
            return cgroup;
        }
        Optional<String> v1 = v1Path(cgroup.valueOrNull(), "cpuset");
        if (v1.isPresent()) {
            Item eff = read.apply("sys/fs/cgroup/cpuset" + v1.get() + "/cpuset.effective_cpus");
            return (eff.present() ? eff : read.apply("sys/fs/cgroup/cpuset" + v1.get() + "/cpuset.cpus"))
                    .map(v -> "v1: " + v);
        }
        return v2Path(cgroup.valueOrNull()).map(p -> read.apply("sys/fs/cgroup" + p + "/cpuset.cpus.effective")
                .map(v -> "v2: " + v)).orElse(Item.absent("no cpuset controller in /proc/self/cgroup"));
    }

    Item cpuQuota() {
        Item cgroup = read.apply("proc/self/cgroup");
        if (!cgroup.present()) {
            return cgroup;
        }
        Optional<String> v1 = v1Path(cgroup.valueOrNull(), "cpu");
        if (v1.isPresent()) {
            for (String mount : new String[] {"cpu", "cpu,cpuacct", "cpuacct,cpu"}) {
                String dir = "sys/fs/cgroup/" + mount + v1.get();
                if (Files.isDirectory(root.resolve(dir))) {
                    Item quota = read.apply(dir + "/cpu.cfs_quota_us");
                    Item period = read.apply(dir + "/cpu.cfs_period_us");
                    if (!quota.present() || !period.present()) {
                        return quota.present() ? period : quota;
                    }
                    return Item.of("v1: " + describe(quota.valueOrNull(), period.valueOrNull()));
                }
            }
            return Item.absent(Item.FILE_NOT_FOUND);
        }
        return v2Path(cgroup.valueOrNull()).map(p -> read.apply("sys/fs/cgroup" + p + "/cpu.max").map(v -> {
            String[] f = v.split("\\s+");
            return "v2: " + describe(f[0].equals("max") ? "-1" : f[0], f.length > 1 ? f[1] : "100000");
        })).orElse(Item.absent("no cpu controller in /proc/self/cgroup"));
    }

    /** {@code none} or {@code 1.50 CPUs (150000/100000 us)}. */
    static String describe(String quotaUs, String periodUs) {
        long q = Long.parseLong(quotaUs.strip());
        long p = Long.parseLong(periodUs.strip());
        if (q < 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "%.2f CPUs (%d/%d us)", (double) q / p, q, p);
    }

    /** The v1 hierarchy path for a controller ({@code 3:cpuset:/x} -> {@code /x}), if v1 has it. */
    static Optional<String> v1Path(String procSelfCgroup, String controller) {
        for (String line : procSelfCgroup.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && !f[1].isEmpty()) {
                for (String c : f[1].split(",")) {
                    if (c.equals(controller)) {
                        return Optional.of(f[2].equals("/") ? "" : f[2]);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> v2Path(String procSelfCgroup) {
        for (String line : procSelfCgroup.split("\n")) {
            if (line.startsWith("0::")) {
                String p = line.substring(3);
                return Optional.of(p.equals("/") ? "" : p);
            }
        }
        return Optional.empty();
    }
}
