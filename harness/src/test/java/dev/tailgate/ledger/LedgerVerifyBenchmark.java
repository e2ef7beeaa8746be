package dev.tailgate.ledger;

import dev.tailgate.cli.TailgateCommand;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long {@code tailgate ledger verify} takes over a large ledger, as a user sees it: a fresh
 * JVM per run (start-up, class loading and JIT warm-up included), timed from spawn to exit.
 * Not a unit test; run it by hand (docs/dev/ledger-verify-performance.md):
 *
 * <pre>java -cp "$(cat cp.txt):harness/target/classes:harness/target/test-classes" \
 *     dev.tailgate.ledger.LedgerVerifyBenchmark [ENTRIES [CHECKS [RUNS [DIR]]]] [-- JVM-FLAGS]</pre>
 *
 * <p>JVM flags after {@code --} are given to each verifying JVM (e.g. {@code -XX:+UseSerialGC}),
 * to measure what a launcher flag does to this command. With DIR, an existing
 * {@code DIR/ledger.jsonl} is reused as it is (delete it to write a new one).
 *
 * <p>The ledger is written in one pass through {@link LedgerCodec#seal}, which produces the same
 * bytes as {@link Ledger#append} without 100,000 fsyncs. Each entry is a gate decision with
 * CHECKS per-check summaries and four input hashes, the shape a nightly gate writes.
 */
public final class LedgerVerifyBenchmark {
    private static final String CHILD = "--child-verify";
    private LedgerVerifyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(CHILD)) {
            verifyAndReportCpu(args[1]);
            return;
        }
        int split = Arrays.asList(args).indexOf("--");
        List<String> jvmFlags = split < 0 ? List.of()
                : Arrays.asList(args).subList(split + 1, args.length);
        args = split < 0 ? args : Arrays.copyOf(args, split);
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = args.length > 3 ? Files.createDirectories(Path.of(args[3])) : Files.createTempDirectory("ledger-bench");
        Path file = dir.resolve("ledger.jsonl");

        if (args.length > 3 && Files.exists(file)) {
            System.out.printf("reusing %s, %,d bytes%n", file, Files.size(file));
        } else {
            long t0 = System.nanoTime();
            write(file, entries, checks);
            System.out.printf("wrote %,d entries (%d checks each), %,d bytes, in %d ms%n",
                    entries, checks, Files.size(file),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
        System.out.println("verifying JVM flags: " + (jvmFlags.isEmpty() ? "(none)" : jvmFlags));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                LedgerVerifyBenchmark.class.getName(), CHILD, file.toString()));
        List<Long> millis = new ArrayList<>();
        List<Long> cpuMillis = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> out = new String(p.getInputStream().readAllBytes()).lines().toList();
            int code = p.waitFor();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (code != 0) {
                throw new IllegalStateException("verify exited " + code + ": " + out);
            }
            millis.add(ms);
            long cpu = Long.parseLong(out.get(out.size() - 1).replaceAll("\\D", ""));
            cpuMillis.add(cpu);
            System.out.printf("run %d: wall %d ms, process CPU %d ms, load average %.1f  (%s)%n",
                    r + 1, ms, cpu, ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage(), out.get(0));
        }
        System.out.printf("ledger verify, %,d entries: wall median %d ms (min %d, max %d),"
                + " process CPU median %d ms, over %d runs (fresh JVM each)%n", entries,
                median(millis), millis.stream().min(Long::compare).orElseThrow(),
                millis.stream().max(Long::compare).orElseThrow(), median(cpuMillis), runs);
        if (args.length <= 3) {
            Files.delete(file);
            Files.delete(dir);
        }
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /**
     * The timed child: {@code tailgate ledger verify} exactly as Main runs it, then the JVM's
     * whole CPU time (all threads: verify's two workers, JIT, GC) as the last line. CPU time is
     * reported beside wall time because other jobs share this 2-core machine: wall time under
     * load says more about the neighbours than about verify.
     */
    private static void verifyAndReportCpu(String ledger) {
        PrintWriter out = new PrintWriter(System.out, true);
        int code = TailgateCommand.execute(new String[] {"ledger", "verify", "--ledger", ledger},
                out, new PrintWriter(System.err, true));
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        out.println("cpu " + TimeUnit.NANOSECONDS.toMillis(cpuNanos));
        if (code != 0) {
            System.exit(code);
        }
    }

    static void write(Path file, int entries, int checks) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            String prev = LedgerEntry.GENESIS_HASH;
            for (int i = 0; i < entries; i++) {
                LedgerEntry e = LedgerCodec.seal(i + 1, prev,
                        TestDrafts.gate(i, i % 10 == 0 ? "FAIL" : "PASS", "nightly", checks));
                out.write(LedgerCodec.canonicalLine(e));
                out.write('\n');
                prev = e.hash();
            }
        }
    }
}
