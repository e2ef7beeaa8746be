package dev.tailgate.ledger;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SHA-256 of input files in a child JVM, for a parent that compiles with C1 only.
 *
 * <p>The launcher runs short-lived commands (gate, compare) with C1 only: C2's compile threads
 * cost them more than its faster code gains. But only C2 turns SHA-256 into the CPU's SHA
 * instructions; C1-compiled Java hashes several times slower, so the ledger digests of two
 * large runs would cost more than anything else in {@code compare}. A fresh JVM with C2 hashes
 * them faster, start-up included, on a core the parent leaves idle part of the time.
 *
 * <p>As a program ({@code java -cp tailgate.jar dev.tailgate.ledger.DigestJvm FILE...}) it
 * prints one line per file: {@code ok HEX} or {@code error MESSAGE}. The parent takes only
 * well-formed {@code ok} lines and hashes every other file itself, so a child that cannot start,
 * dies or prints nonsense changes nothing but the time.
 */
public final class DigestJvm {
    private DigestJvm() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        for (String a : args) {
            try {
                out.println("ok " + Provenance.sha256Hex(Path.of(a)));
            } catch (RuntimeException e) {
                out.println("error " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
        out.flush();
    }

    /** True when this JVM cannot compile with C2 ({@code TieredStopAtLevel} below 4, or quick-only). */
    static boolean withoutC2() {
        boolean without = false;
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:TieredStopAtLevel=")) {
                without = !a.equals("-XX:TieredStopAtLevel=4"); // the last one counts
            } else if (a.equals("-XX:CompilationMode=quick-only")) {
                without = true;
            }
        }
        return without;
    }

    /** Fills the null slots of {@code digests} with what a child JVM gives for those {@code files}. */
    static void fill(List<Path> files, String[] digests) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (digests[i] == null) {
                missing.add(i);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String[] got = digests(missing.stream().map(files::get).toList());
        for (int k = 0; k < got.length; k++) {
            digests[missing.get(k)] = got[k];
        }
    }

    /**
     * The digests of {@code files} computed by a child JVM, in order; null where it gave none
     * (the caller then hashes that file itself).
     */
    static String[] digests(List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=4", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), DigestJvm.class.getName()));
        files.forEach(f -> cmd.add(f.toString()));
        String[] out = new String[files.size()];
        String printed = ChildOutput.of(cmd);
        if (printed != null) {
            List<String> lines = printed.lines().toList();
            for (int i = 0; i < out.length && i < lines.size(); i++) {
                out[i] = lines.get(i).matches("ok [0-9a-f]{64}") ? lines.get(i).substring(3) : null;
            }
        }
        return out;
    }
}
