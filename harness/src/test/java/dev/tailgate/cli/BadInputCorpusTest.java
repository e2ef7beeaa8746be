package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailgate.store.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: every folder under {@code bad-input/} holds the files of one broken
 * case, {@code args} (one CLI argument a line, {@code {dir}} standing for the case folder) and
 * {@code expect} (text the error line must contain: the file and the item). Every case must
 * end with exit code 3, exactly one line on stderr, and nothing anywhere that reads as PASS.
 */
class BadInputCorpusTest {
    static final Path CORPUS = Path.of(System.getProperty("tailgate.test.root", ".."))
            .resolve("harness/src/test/resources/bad-input");

    @TempDir
    Path tmp;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void corpusHasAtLeast25Cases() throws IOException {
        assertTrue(cases().count() >= 25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineExitCode3AndNoPass(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Trees.copy(CORPUS.resolve(name), dir);
        String[] args = Files.readAllLines(dir.resolve("args")).stream()
                .filter(l -> !l.isEmpty()).map(l -> l.replace("{dir}", dir.toString())).toArray(String[]::new);
        String expect = Files.readString(dir.resolve("expect")).strip().replace("{dir}", dir.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TailgateCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        List<String> lines = err.toString().lines().toList();
        assertEquals(3, code, "exit code; stderr: " + err + " stdout: " + out);
        assertEquals(1, lines.size(), "stderr lines: " + err);
        assertTrue(lines.get(0).startsWith("error: "), lines.get(0));
        assertTrue(lines.get(0).contains(expect), "expected <" + expect + "> in <" + lines.get(0) + ">");
        assertFalse(out.toString().contains("PASS") || err.toString().contains("PASS"), "PASS printed: " + out);
        assertFalse(out.toString().contains("(passed)"), out.toString());
        Path verdict = dir.resolve("run/verdict.json");
        if (Files.exists(verdict)) {
            String json = Files.readString(verdict);
            assertTrue(json.contains("\"passed\" : false"), json);
            assertFalse(json.contains("\"outcome\" : \"PASS\""), json);
        }
    }
}
