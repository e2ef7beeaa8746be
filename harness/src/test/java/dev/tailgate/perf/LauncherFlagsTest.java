package dev.tailgate.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code ./tailgate} launcher's JVM flags, read from its dry run (it prints the java command
 * line and neither builds nor runs). The flags that make short commands start fast must never
 * reach a JVM that runs benchmarks: JMH forks inherit the parent's flags, and a C1-only fork
 * would measure code no production JVM runs.
 */
class LauncherFlagsTest {
    static final Path LAUNCHER = Path.of(System.getProperty("tailgate.test.root", "..")).resolve("tailgate");
    private static final List<String> SHORT_LIVED_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    @TempDir
    Path tmp;

    static List<String> commandLine(Path launcher, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("TAILGATE_JAVA_OPTS");
        pb.environment().put("TAILGATE_LAUNCHER_DRY_RUN", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "launcher dry run did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    private static boolean usesClassData(List<String> line) {
        return line.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "ab", "sample", "monitor", "dataset", "--stacktrace run"})
    void benchmarkingAndLongCommandsGetNoFlagsOfOurs(String command) throws Exception {
        List<String> line = commandLine(LAUNCHER, Map.of(), (command + " --suite smoke").split(" "));
        for (String flag : SHORT_LIVED_FLAGS) {
            assertFalse(line.contains(flag), command + " must not get " + flag + ": " + line);
        }
        assertFalse(usesClassData(line), command + ": " + line);
        assertEquals("java", line.get(0));
        assertEquals(List.of("-jar"), line.subList(2, 3), line.toString());
    }

    @Test
    void compareGetsC1OnlyTheParallelCollectorAndClassData() throws Exception {
        List<String> line = commandLine(LAUNCHER, Map.of(), "compare", "a", "b");
        assertTrue(line.contains("-XX:TieredStopAtLevel=1"), line.toString());
        assertFalse(line.contains("-XX:+UseSerialGC"), line.toString());
        assertTrue(line.contains("-XX:+UseParallelGC"), line.toString());
        assertTrue(usesClassData(line), line.toString());
        List<String> user = commandLine(LAUNCHER, Map.of("TAILGATE_JAVA_OPTS", "-XX:+UseG1GC"), "compare", "a", "b");
        assertFalse(user.contains("-XX:+UseParallelGC"), "the user's collector replaces ours: " + user);
    }

    @Test
    void mergeKeepsC2ButGetsSerialGcWithAFixedYoungGenerationAndClassData() throws Exception {
        List<String> line = commandLine(LAUNCHER, Map.of(), "merge", "a", "b", "--out", "c");
        assertFalse(line.contains("-XX:TieredStopAtLevel=1"), line.toString());
        assertTrue(line.contains("-XX:+UseSerialGC"), line.toString());
        assertTrue(line.contains("-Xmn128m"), line.toString());
        assertTrue(usesClassData(line), line.toString());
        List<String> user = commandLine(LAUNCHER, Map.of("TAILGATE_JAVA_OPTS", "-XX:+UseG1GC"), "merge", "a");
        assertFalse(user.contains("-Xmn128m"), "the user's collector replaces ours, sizing and all: " + user);
    }

    @Test
    void ledgerKeepsC2ForTheSha256IntrinsicButGetsSerialGcAndClassData() throws Exception {
        List<String> line = commandLine(LAUNCHER, Map.of(), "ledger", "verify");
        assertFalse(line.contains("-XX:TieredStopAtLevel=1"), line.toString());
        assertTrue(line.contains("-XX:+UseSerialGC"), line.toString());
        assertTrue(usesClassData(line), line.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gate", "thresholds", "suites", "baseline", "prune", "drift", "fingerprint", "doctor",
        "redis-config", "export", "help", "--stacktrace gate"})
    void shortLivedCommandsStartWithC1SerialGcAndClassData(String command) throws Exception {
        List<String> line = commandLine(LAUNCHER, Map.of(), command.split(" "));
        assertTrue(line.containsAll(SHORT_LIVED_FLAGS), command + ": " + line);
        assertTrue(line.contains("-XX:NewRatio=1"), command + ": " + line);
        assertTrue(usesClassData(line), command + ": " + line);
        assertTrue(line.indexOf("-jar") > line.indexOf("-XX:TieredStopAtLevel=1"), "flags go before -jar: " + line);
    }

    @Test
    void userOptionsComeLastAndTheirCollectorReplacesOurs() throws Exception {
        List<String> line = commandLine(LAUNCHER, Map.of("TAILGATE_JAVA_OPTS", "-Xmx256m -XX:+UseParallelGC -Xlog:gc*"),
                "gate", "x.json");
        assertFalse(line.contains("-XX:+UseSerialGC"), line.toString());
        assertFalse(line.contains("-XX:NewRatio=1"), "the serial collector's sizing goes with it: " + line);
        assertTrue(line.indexOf("-Xmx256m") > line.indexOf("-XX:TieredStopAtLevel=1"), "user flags win: " + line);
        assertTrue(line.contains("-Xlog:gc*"), "no globbing of user flags: " + line);
        List<String> run = commandLine(LAUNCHER, Map.of("TAILGATE_JAVA_OPTS", "-Xmx1g"), "run");
        assertEquals(List.of("java", "-Xmx1g"), run.subList(0, 2));
    }

    @Test
    void aUserClassDataChoiceReplacesOurs() throws Exception {
        List<String> line = commandLine(LAUNCHER, Map.of("TAILGATE_JAVA_OPTS", "-Xshare:off"), "gate");
        assertFalse(usesClassData(line), line.toString());
        assertTrue(line.containsAll(SHORT_LIVED_FLAGS), line.toString());
    }

    @Test
    void pathsWithSpacesStayOneArgument() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("with space"));
        Path launcher = Files.copy(LAUNCHER, root.resolve("tailgate"));
        List<String> line = commandLine(launcher, Map.of(), "gate", "my run/jmh.json");
        String rootText = root.toAbsolutePath().toString();
        assertTrue(line.contains(rootText + "/harness/target/tailgate.jar"), line.toString());
        assertTrue(line.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=" + rootText + "/harness/target/cds/gate.jsa.")),
                line.toString());
        assertEquals("my run/jmh.json", line.get(line.size() - 1));
        assertFalse(Files.exists(root.resolve("harness")), "a dry run creates nothing");
    }
}
