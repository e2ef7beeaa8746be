package dev.tailgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command and subcommand answers {@code --help} with its usage and exit 0, even when it has
 * required options, and its usage text formats cleanly (picocli only warns on System.err about a
 * stray '%' and prints the raw text, which a unit test of the command's behaviour never sees).
 */
class HelpTest {

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(TailgateCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                new ArrayList<>(), paths);
        assertTrue(paths.size() > 20, "expected every command, got " + paths);
        return paths.stream().map(path -> DynamicTest.dynamicTest(String.join(" ", path), () -> {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            PrintStream saved = System.err;
            ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
            CliRun r;
            try {
                System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
                r = CliRun.of(args.toArray(String[]::new));
            } finally {
                System.setErr(saved);
            }
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().startsWith("Usage: tailgate" + (path.isEmpty() ? "" : " " + String.join(" ", path))),
                    r::toString);
            String warnings = picocliWarnings.toString(StandardCharsets.UTF_8);
            assertFalse(warnings.contains("picocli WARN"), warnings);
        }));
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        if (!path.isEmpty()) {
            out.add(List.copyOf(path));
        }
        for (var e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals("help")) {
                List<String> child = new ArrayList<>(path);
                child.add(e.getKey());
                collect(e.getValue(), child, out);
            }
        }
    }
}
