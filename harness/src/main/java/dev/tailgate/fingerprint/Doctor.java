package dev.tailgate.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * How ready this host is for low-latency measurement, judged purely from a {@link Fingerprint}
 * (in the spirit of pyperf's {@code system show}). It never changes the host: each check
 * says why it matters and what an operator would run to fix it.
 */
public final class Doctor {

    public enum State { OK, WARN, BAD, UNKNOWN }

    public record Check(String name, State state, String value, String why, String fix) {
        public Check {
            Objects.requireNonNull(name);
            Objects.requireNonNull(state);
            Objects.requireNonNull(value);
            Objects.requireNonNull(why);
            Objects.requireNonNull(fix);
        }
    }

    private Doctor() {
    }

    public static List<Check> examine(Fingerprint f) {
        return examine(f, Item.absent("not sampled"));
    }

    /** @param stealNow steal percentage sampled over a short window just now ({@link HostProbe#stealNow}) */
    public static List<Check> examine(Fingerprint f, Item stealNow) {
        return examine(f, stealNow, Item.absent("not sampled"));
    }

    /**
     * @param stealNow   steal percentage sampled over a short window just now ({@link HostProbe#stealNow})
     * @param wakeupCpuUs CPU time one timed wake-up costs a thread here, in µs ({@code WakeupCost})
     */
    public static List<Check> examine(Fingerprint f, Item stealNow, Item wakeupCpuUs) {
        List<Check> out = new ArrayList<>();
        out.add(judge("CPU count", f.cpu().count(), v -> Integer.parseInt(v) >= 2 ? State.OK : State.BAD,
                "Redis and the client need a core each, or every round trip includes a context switch",
                "run on a machine (or VM size) with at least 2 cores, ideally 4+ so the OS has its own"));
        out.add(judge("CPU frequency governor", f.cpu().governor(), v -> v.equals("performance") ? State.OK : State.WARN,
                "a power-saving governor lowers the clock between requests; the next request pays for ramping up",
                "cpupower frequency-set -g performance"));
        out.add(judge("Turbo boost", f.cpu().turbo(), v -> v.equals("off") ? State.OK : State.WARN,
                "turbo frequency depends on temperature and on how many cores are busy, so service time drifts",
                "echo 1 > /sys/devices/system/cpu/intel_pstate/no_turbo (or 0 > .../cpufreq/boost)"));
        out.add(judge("Isolated CPUs (isolcpus)", f.isolation().isolatedCpus(), v -> v.equals("none") ? State.WARN : State.OK,
                "without isolation other tasks are scheduled onto the benchmark cores and show up in the tail",
                "boot with isolcpus=<cores> (and nohz_full/rcu_nocbs for the same cores)"));
        out.add(judge("Adaptive ticks (nohz_full)", f.isolation().nohzFullCpus(), v -> v.equals("none") ? State.WARN : State.OK,
                "the periodic scheduler tick interrupts a busy core up to 1000 times a second",
                "boot with nohz_full=<cores> rcu_nocbs=<cores> (kernel built with NO_HZ_FULL)"));
        out.add(judge("Transparent huge pages", f.memory().thpEnabled(), v -> v.equals("always") ? State.BAD : State.OK,
                "THP 'always' makes fork() and page faults compact memory: Redis warns of multi-ms latency",
                "echo madvise > /sys/kernel/mm/transparent_hugepage/enabled (or never)"));
        out.add(judge("THP defrag", f.memory().thpDefrag(), v -> v.equals("always") ? State.WARN : State.OK,
                "synchronous compaction on allocation stalls the allocating thread",
                "echo defer+madvise > /sys/kernel/mm/transparent_hugepage/defrag"));
        out.add(judge("Swappiness", f.memory().swappiness(), v -> Integer.parseInt(v) <= 10 ? State.OK : State.WARN,
                "a swapped-out Redis or JVM page costs a disk read in the middle of a request",
                "sysctl vm.swappiness=1"));
        out.add(judge("irqbalance", f.irq().irqbalance(), v -> v.startsWith("running") ? State.WARN : State.OK,
                "irqbalance moves interrupts around, including onto the benchmark cores, while you measure",
                "systemctl stop irqbalance; pin IRQs away from the benchmark cores via /proc/irq/*/smp_affinity_list"));
        out.add(judge("IRQs on benchmark cores " + f.irq().benchmarkCores().display(), f.irq().irqsOnBenchmarkCores(),
                v -> v.startsWith("0 of") ? State.OK : State.WARN,
                "each interrupt delivered to a benchmark core preempts Redis or the client",
                "write the housekeeping cores to /proc/irq/*/smp_affinity_list"));
        out.add(cStates(f));
        out.add(judge("Clocksource", f.cpu().clocksource(),
                v -> v.equals("tsc") ? State.OK : v.equals("kvm-clock") || v.equals("hyperv_clocksource_tsc_page")
                        ? State.WARN : State.BAD,
                "System.nanoTime() reads the clocksource; anything but TSC is slower and may go through a syscall",
                "echo tsc > /sys/devices/system/clocksource/clocksource0/current_clocksource (if tsc is listed as available)"));
        for (var steal : List.of(java.util.Map.entry("Steal time (since boot)", f.virtualisation().stealPercent()),
                java.util.Map.entry("Steal time (now)", stealNow))) {
            out.add(judge(steal.getKey(), steal.getValue(),
                    v -> Double.parseDouble(v) > 5 ? State.BAD : Double.parseDouble(v) > 1 ? State.WARN : State.OK,
                    "steal is time the hypervisor gave your vCPU to someone else: an invisible stall in the tail",
                    "use dedicated (non-overcommitted) instances or bare metal"));
        }
        out.add(judge("SMT (hyperthreading)", f.cpu().smt(), v -> v.startsWith("on") ? State.WARN : State.OK,
                "a busy sibling thread shares the core's execution units and caches with Redis or the client",
                "echo off > /sys/devices/system/cpu/smt/control, or keep sibling threads idle"));
        out.add(judge("cgroup CPU quota", f.isolation().cgroupCpuQuota(), v -> v.endsWith("none") ? State.OK : State.BAD,
                "once the quota is used up the whole group is throttled until the next period (10-100 ms stalls)",
                "remove the CPU limit (docker --cpus / k8s limits.cpu), use cpuset pinning instead"));
        out.add(judge("Virtualisation", f.virtualisation().hypervisorFlag(), v -> v.equals("yes") ? State.WARN : State.OK,
                "in a VM, vCPUs are threads of the host: steal, virtual interrupts and noisy neighbours reach the tail",
                "measure absolute latency on bare metal; in a VM compare only interleaved runs on the same VM"));
        out.add(judge("Timer wake-up CPU cost (µs)", wakeupCpuUs, v -> Double.parseDouble(v) <= 10 ? State.OK : State.WARN,
                "a fixed-rate sender that does not spin pays a timed wake-up per request and one per reply; at 1,000"
                        + " req/s each µs of wake-up costs 0.2% of a core (sampler and hiccup-meter overhead)",
                "bare metal, or a VM with cheap timers (KVM halt-polling, posted interrupts); else sample at a lower rate"));
        out.add(judge("Affinity implementation", f.clients().affinityImpl(),
                v -> v.endsWith("NullAffinity") ? State.BAD : State.OK,
                "the affinity library reports success even when it cannot pin (docs/foundations.md); NullAffinity pins nothing",
                "run on Linux with JNA available (it ships with tailgate)"));
        return List.copyOf(out);
    }

    /** Deep C-states take tens of microseconds to leave; a limit or idle=poll keeps cores awake. */
    private static Check cStates(Fingerprint f) {
        String why = "waking a core from a deep C-state adds microseconds to the first request after idle";
        String fix = "boot with processor.max_cstate=1 intel_idle.max_cstate=0 (or idle=poll on dedicated hosts)";
        String limited = List.of(f.boot().processorMaxCstate(), f.boot().intelIdleMaxCstate(), f.boot().idle()).stream()
                .filter(Item::present).map(Item::valueOrNull).filter(v -> !v.equals(HostProbe.NOT_SET))
                .findFirst().orElse(null);
        if (limited != null) {
            return new Check("C-states", State.OK, "limited on the boot command line (" + limited + ")", why, fix);
        }
        Item driver = f.cpu().idleDriver();
        if (!driver.present()) {
            return new Check("C-states", State.UNKNOWN, driver.display(), why, fix);
        }
        return new Check("C-states", State.WARN, "no limit; cpuidle driver " + driver.valueOrNull(), why, fix);
    }

    private static Check judge(String name, Item item, Function<String, State> rule, String why, String fix) {
        if (item instanceof Item.Present p) {
            State s;
            try {
                s = rule.apply(p.value().toLowerCase(Locale.ROOT));
            } catch (RuntimeException e) {
                s = State.UNKNOWN;
            }
            return new Check(name, s, p.value(), why, fix);
        }
        return new Check(name, State.UNKNOWN, item.display(), why, fix);
    }
}
