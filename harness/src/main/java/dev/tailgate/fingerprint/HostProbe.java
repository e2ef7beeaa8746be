package dev.tailgate.fingerprint;

import dev.tailgate.bench.support.AllowedCpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the host part of a fingerprint from {@code /proc} and {@code /sys}, below a root
 * directory (tests point it at a fake tree). Never writes anything. Every read yields an
 * {@link Item}: a file that does not exist or cannot be read becomes {@link Item.Absent} with
 * the reason, so "no cpufreq on this VM" is never mistaken for "turbo off".
 */
public final class HostProbe {
    /** Sysctls that move loopback/network latency; missing ones are recorded as absent. */
    static final List<String> NETWORK_SYSCTLS = List.of(
            "net.core.busy_poll", "net.core.busy_read", "net.core.somaxconn", "net.core.default_qdisc",
            "net.ipv4.tcp_low_latency", "net.ipv4.tcp_autocorking", "net.ipv4.tcp_slow_start_after_idle",
            "net.ipv4.tcp_congestion_control", "net.ipv4.tcp_fastopen", "net.ipv4.tcp_notsent_lowat",
            "net.ipv4.tcp_comp_sack_delay_ns");
    static final String NOT_SET = "not set";

    private final Path root;
    private final boolean linux;

    public HostProbe(Path root, boolean linux) {
        this.root = root;
        this.linux = linux;
    }

    public static HostProbe system() {
        return new HostProbe(Path.of("/"),
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"));
    }

    public Fingerprint.Os os() {
        Item name = read("etc/os-release").map(t -> t.lines().filter(l -> l.startsWith("PRETTY_NAME="))
                .map(l -> l.substring(12).replace("\"", "")).findFirst().orElse(NOT_SET));
        return new Fingerprint.Os(name, read("proc/sys/kernel/osrelease"), Item.of(System.getProperty("os.arch")));
    }

    public Fingerprint.Boot boot() {
        Item cmdline = read("proc/cmdline");
        return new Fingerprint.Boot(param(cmdline, "isolcpus"), param(cmdline, "nohz_full"),
                param(cmdline, "rcu_nocbs"), param(cmdline, "idle"), param(cmdline, "processor.max_cstate"),
                param(cmdline, "intel_idle.max_cstate"), param(cmdline, "mitigations"));
    }

    /**
     * A kernel parameter's value ({@code "set"} for a bare flag, {@value #NOT_SET} when not
     * given). Arguments after {@code --} belong to init, not the kernel.
     */
    static Item param(Item cmdline, String name) {
        return cmdline.map(text -> {
            String value = NOT_SET;
            for (String tok : text.strip().split("\\s+")) {
                if (tok.equals("--")) {
                    break;
                }
                if (tok.equals(name)) {
                    value = "set";
                } else if (tok.startsWith(name + "=")) {
                    value = tok.substring(name.length() + 1);
                }
            }
            return value;
        });
    }

    public Fingerprint.Isolation isolation() {
        return new Fingerprint.Isolation(
                read("sys/devices/system/cpu/isolated").map(HostProbe::noneIfEmpty),
                read("sys/devices/system/cpu/nohz_full").map(HostProbe::noneIfEmpty),
                new CgroupProbe(root, this::read).cpuset(), new CgroupProbe(root, this::read).cpuQuota());
    }

    private static String noneIfEmpty(String s) {
        return s.isEmpty() || s.equals("(null)") ? "none" : s;
    }

    public Fingerprint.Cpu cpu() {
        Item cpuinfo = read("proc/cpuinfo");
        Item model = cpuinfo.map(t -> cpuinfoField(t, "model name").orElse(cpuinfoField(t, "Processor").orElse(NOT_SET)));
        Item count = read("sys/devices/system/cpu/online").map(t -> String.valueOf(AllowedCpus.parseList(t).size()));
        Item smt = read("sys/devices/system/cpu/smt/active").map(a -> {
            String state = a.equals("1") ? "on" : "off";
            Item control = read("sys/devices/system/cpu/smt/control");
            return control.present() ? state + " (control " + control.valueOrNull() + ")" : state;
        });
        Item numa = read("sys/devices/system/node/online").map(t -> String.valueOf(AllowedCpus.parseList(t).size()));
        return new Fingerprint.Cpu(model, count, smt, numa,
                perCpu("cpufreq/scaling_driver"), perCpu("cpufreq/scaling_governor"), turbo(),
                read("sys/devices/system/cpu/cpuidle/current_driver"),
                read("sys/devices/system/clocksource/clocksource0/current_clocksource"));
    }

    private static Optional<String> cpuinfoField(String text, String field) {
        return text.lines().filter(l -> l.startsWith(field)).map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst();
    }

    /** One value when every online CPU agrees, else {@code cpuN=value,...}: mixed governors matter. */
    private Item perCpu(String rel) {
        Item online = read("sys/devices/system/cpu/online");
        if (!online.present()) {
            return online;
        }
        Set<String> values = new LinkedHashSet<>();
        List<String> perCpu = new ArrayList<>();
        Item first = null;
        for (int cpu : AllowedCpus.parseList(online.valueOrNull())) {
            Item v = read("sys/devices/system/cpu/cpu" + cpu + "/" + rel);
            if (!v.present()) {
                return first == null ? v : Item.absent("cpu" + cpu + ": " + ((Item.Absent) v).reason());
            }
            first = v;
            values.add(v.valueOrNull());
            perCpu.add("cpu" + cpu + "=" + v.valueOrNull());
        }
        if (first == null) {
            return Item.absent("no online CPU");
        }
        return values.size() == 1 ? first : Item.of(String.join(",", perCpu));
    }

    private Item turbo() {
        Item noTurbo = read("sys/devices/system/cpu/intel_pstate/no_turbo");
        if (noTurbo.present()) {
            return Item.of(noTurbo.valueOrNull().equals("1") ? "off" : "on");
        }
        Item boost = read("sys/devices/system/cpu/cpufreq/boost");
        if (boost.present()) {
            return Item.of(boost.valueOrNull().equals("1") ? "on" : "off");
        }
        return boost;
    }

    public Fingerprint.Memory memory() {
        return new Fingerprint.Memory(
                read("sys/kernel/mm/transparent_hugepage/enabled").map(HostProbe::bracketed),
                read("sys/kernel/mm/transparent_hugepage/defrag").map(HostProbe::bracketed),
                read("proc/sys/vm/swappiness"), read("proc/sys/vm/overcommit_memory"));
    }

    /** {@code always [madvise] never} -> {@code madvise}. */
    static String bracketed(String s) {
        int a = s.indexOf('[');
        int b = s.indexOf(']');
        return a >= 0 && b > a ? s.substring(a + 1, b) : s;
    }

    public Fingerprint.Irq irq(List<Integer> benchmarkCores) {
        if (!linux) {
            Item a = Item.absent(Item.NOT_LINUX);
            return new Fingerprint.Irq(a, a, a);
        }
        Item cores = Item.of(benchmarkCores.isEmpty() ? "none" : AllowedCpus.format(benchmarkCores));
        return new Fingerprint.Irq(irqbalance(), cores, irqsOn(benchmarkCores));
    }

    private Item irqbalance() {
        Path proc = root.resolve("proc");
        try (Stream<Path> s = Files.list(proc)) {
            List<Path> pids = s.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
            for (Path p : pids) {
                try {
                    if (readFully(p.resolve("comm")).strip().equals("irqbalance")) {
                        return Item.of("running (pid " + p.getFileName() + ")");
                    }
                } catch (IOException ignored) {
                    // the process exited while we looked, or is not ours to read
                }
            }
            return Item.of("not running");
        } catch (IOException e) {
            return absentFor(e);
        }
    }

    /** How many IRQs may be delivered to any of the benchmark cores: each one is a possible stall. */
    private Item irqsOn(List<Integer> cores) {
        Path irqDir = root.resolve("proc/irq");
        try (Stream<Path> s = Files.list(irqDir)) {
            int total = 0;
            int onCores = 0;
            int unreadable = 0;
            for (Path p : s.filter(Files::isDirectory).toList()) {
                Path list = p.resolve("smp_affinity_list");
                if (!Files.exists(list)) {
                    continue;
                }
                total++;
                try {
                    List<Integer> allowed = AllowedCpus.parseList(readFully(list));
                    if (allowed.stream().anyMatch(cores::contains)) {
                        onCores++;
                    }
                } catch (IOException | RuntimeException e) {
                    unreadable++;
                }
            }
            return Item.of(onCores + " of " + total + " IRQs" + (unreadable > 0 ? " (" + unreadable + " unreadable)" : ""));
        } catch (IOException e) {
            return absentFor(e);
        }
    }

    public SortedMap<String, Item> network() {
        SortedMap<String, Item> out = new TreeMap<>();
        for (String name : NETWORK_SYSCTLS) {
            out.put(name, read("proc/sys/" + name.replace('.', '/')).map(v -> v.replaceAll("\\s+", " ")));
        }
        return out;
    }

    public Fingerprint.Virtualisation virtualisation() {
        Item flags = read("proc/cpuinfo").map(t -> cpuinfoField(t, "flags")
                .map(f -> List.of(f.split("\\s+")).contains("hypervisor") ? "yes" : "no").orElse("no"));
        return new Fingerprint.Virtualisation(read("sys/class/dmi/id/sys_vendor"),
                read("sys/class/dmi/id/product_name"), flags, read("proc/stat").map(HostProbe::stealPercent));
    }

    /** Steal as a share of all CPU time since boot, from the aggregate {@code cpu} line of /proc/stat. */
    static String stealPercent(String stat) {
        return stealBetween("cpu  0 0 0 0 0 0 0 0", stat);
    }

    /**
     * Steal over a short window now, for doctor: the since-boot share in the fingerprint dilutes
     * a noisy neighbour who arrived an hour ago. Sleeps for {@code window} (an I/O edge).
     */
    public Item stealNow(java.time.Duration window) throws InterruptedException {
        Item a = read("proc/stat");
        Thread.sleep(window.toMillis());
        Item b = read("proc/stat");
        if (!a.present() || !b.present()) {
            return a.present() ? b : a;
        }
        return Item.of(a.valueOrNull()).map(x -> stealBetween(x, b.valueOrNull()));
    }

    /** Steal between two /proc/stat readings as a share of all CPU time in between. */
    static String stealBetween(String before, String after) {
        long[] x = cpuLine(before);
        long[] y = cpuLine(after);
        long total = 0;
        for (int i = 0; i < x.length; i++) {
            total += y[i] - x[i];
        }
        long steal = y[7] - x[7];
        return String.format(Locale.ROOT, "%.2f", total <= 0 ? 0.0 : 100.0 * steal / total);
    }

    /** user nice system idle iowait irq softirq steal of the aggregate cpu line (missing fields 0). */
    private static long[] cpuLine(String stat) {
        String line = stat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no aggregate cpu line"));
        String[] f = line.trim().split("\\s+");
        long[] v = new long[8];
        for (int i = 0; i < 8 && i + 1 < f.length; i++) {
            v[i] = Long.parseLong(f[i + 1]);
        }
        return v;
    }

    /** Reads a file below the root, stripped; absent with a reason when it cannot. */
    Item read(String rel) {
        if (!linux) {
            return Item.absent(Item.NOT_LINUX);
        }
        try {
            return Item.of(readFully(root.resolve(rel)).strip());
        } catch (IOException e) {
            return absentFor(e);
        }
    }

    /**
     * Reads to end of file by streaming. {@code Files.readString} trusts the size the file system
     * reports, and some kernels (gVisor-style sandboxes, like this project's build VM) report a
     * size of 1 for /proc/sys files: "60" would be read as "6".
     */
    static String readFully(Path p) throws IOException {
        try (var in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Item absentFor(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Item.absent(Item.FILE_NOT_FOUND);
        }
        if (e instanceof AccessDeniedException) {
            return Item.absent(Item.PERMISSION_DENIED);
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (msg.contains("Permission denied") || msg.contains("Operation not permitted")) {
            return Item.absent(Item.PERMISSION_DENIED);
        }
        return Item.absent("unreadable: " + msg);
    }
}
