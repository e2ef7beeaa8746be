package dev.tailgate.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HostProbe against a fake /proc and /sys tree: tuned hosts this VM cannot show. */
class HostProbeTest {
    @TempDir
    Path root;

    private void put(String rel, String content) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void tunedHostIsReadAsTuned() throws Exception {
        put("proc/cmdline", "BOOT_IMAGE=/vmlinuz isolcpus=managed_irq,2-3 nohz_full=2-3 rcu_nocbs=2-3 "
                + "processor.max_cstate=1 intel_idle.max_cstate=0 mitigations=off idle=poll -- init-arg isolcpus=9\n");
        put("sys/devices/system/cpu/online", "0-3\n");
        put("sys/devices/system/cpu/isolated", "2-3\n");
        put("sys/devices/system/cpu/nohz_full", "2-3\n");
        for (int c = 0; c < 4; c++) {
            put("sys/devices/system/cpu/cpu" + c + "/cpufreq/scaling_governor", c == 3 ? "powersave\n" : "performance\n");
            put("sys/devices/system/cpu/cpu" + c + "/cpufreq/scaling_driver", "intel_pstate\n");
        }
        put("sys/devices/system/cpu/intel_pstate/no_turbo", "1\n");
        put("sys/devices/system/cpu/smt/active", "1\n");
        put("sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
        put("proc/self/cgroup", "0::/bench.slice\n");
        put("sys/fs/cgroup/bench.slice/cpu.max", "150000 100000\n");
        put("sys/fs/cgroup/bench.slice/cpuset.cpus.effective", "2-3\n");
        put("proc/stat", "cpu  100 0 100 700 0 0 0 100 0 0\ncpu0 1 2 3\n");
        put("proc/irq/24/smp_affinity_list", "0-1\n");
        put("proc/irq/25/smp_affinity_list", "2\n");
        put("proc/1/comm", "systemd\n");
        put("proc/77/comm", "irqbalance\n");
        HostProbe h = new HostProbe(root, true);

        Fingerprint.Boot b = h.boot();
        assertEquals(Item.of("managed_irq,2-3"), b.isolcpus(), "init's arguments after -- are not kernel parameters");
        assertEquals(Item.of("2-3"), b.nohzFull());
        assertEquals(Item.of("1"), b.processorMaxCstate());
        assertEquals(Item.of("off"), b.mitigations());
        assertEquals(Item.of("poll"), b.idle());
        Fingerprint.Cpu c = h.cpu();
        assertEquals(Item.of("4"), c.count());
        assertEquals(Item.of("cpu0=performance,cpu1=performance,cpu2=performance,cpu3=powersave"), c.governor());
        assertEquals(Item.of("intel_pstate"), c.freqDriver());
        assertEquals(Item.of("off"), c.turbo());
        assertEquals(Item.of("on"), c.smt());
        assertEquals(Item.absent(Item.FILE_NOT_FOUND), c.clocksource());
        assertEquals(Item.of("always"), h.memory().thpEnabled());
        Fingerprint.Isolation iso = h.isolation();
        assertEquals(Item.of("2-3"), iso.isolatedCpus());
        assertEquals(Item.of("v2: 1.50 CPUs (150000/100000 us)"), iso.cgroupCpuQuota());
        assertEquals(Item.of("v2: 2-3"), iso.cgroupCpuset());
        assertEquals(Item.of("10.00"), h.virtualisation().stealPercent(), "steal 100 of 1000 jiffies");
        Fingerprint.Irq irq = h.irq(List.of(2, 3));
        assertEquals(Item.of("1 of 2 IRQs"), irq.irqsOnBenchmarkCores());
        assertTrue(irq.irqbalance().valueOrNull().startsWith("running"), irq.irqbalance().toString());
    }

    @Test
    void untunedAndMissingAreDifferentFacts() throws Exception {
        put("proc/cmdline", "quiet\n");
        put("sys/devices/system/cpu/isolated", "\n");
        put("proc/self/cgroup", "4:cpu,cpuacct:/\n3:cpuset:/\n");
        put("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
        put("sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        put("sys/fs/cgroup/cpuset/cpuset.effective_cpus", "0-1\n");
        HostProbe h = new HostProbe(root, true);
        assertEquals(Item.of(HostProbe.NOT_SET), h.boot().isolcpus());
        assertEquals(Item.of("none"), h.isolation().isolatedCpus());
        assertEquals(Item.absent(Item.FILE_NOT_FOUND), h.isolation().nohzFullCpus());
        assertEquals(Item.of("v1: none"), h.isolation().cgroupCpuQuota());
        assertEquals(Item.of("v1: 0-1"), h.isolation().cgroupCpuset());
        assertEquals(Item.absent(Item.FILE_NOT_FOUND), h.cpu().turbo());
    }

    @Test
    void elsewhereEveryHostItemSaysNotLinux() {
        HostProbe h = new HostProbe(root, false);
        assertEquals(Item.absent(Item.NOT_LINUX), h.cpu().governor());
        assertEquals(Item.absent(Item.NOT_LINUX), h.boot().isolcpus());
        assertEquals(Item.absent(Item.NOT_LINUX), h.irq(List.of(1)).irqbalance());
        assertEquals(Item.absent(Item.NOT_LINUX), h.isolation().cgroupCpuQuota());
    }
}
