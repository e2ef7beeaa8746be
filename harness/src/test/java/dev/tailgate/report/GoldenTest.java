package dev.tailgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tailgate.cli.TailgateCommand;
import dev.tailgate.store.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Golden files: each folder under {@code golden/} holds a run directory, threshold files and
 * the expected {@code verdict.json}, {@code junit.xml} and {@code report.md}. The gate runs
 * through the real CLI under Locale.ROOT and Locale.GERMANY (comma decimal separator) and
 * must reproduce the expected bytes. To regenerate after an intended change, run with
 * {@code -Dgolden.update=true} and review the diff.
 */
class GoldenTest {
    static final Path GOLDEN = Path.of(System.getProperty("tailgate.test.root", ".."))
            .resolve("harness/src/test/resources/golden");
    static final List<String> OUTPUTS = List.of("verdict.json", "junit.xml", "report.md");
    private final Locale saved = Locale.getDefault();

    @TempDir
    Path tmp;

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    static Stream<Arguments> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            List<Path> cases = dirs.filter(Files::isDirectory).sorted().toList();
            return cases.stream().flatMap(c -> Stream.of(Arguments.of(c.getFileName().toString(), Locale.ROOT),
                    Arguments.of(c.getFileName().toString(), Locale.GERMANY)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gateReproducesGoldenFiles(String name, Locale locale) throws IOException {
        Locale.setDefault(locale);
        Path source = GOLDEN.resolve(name);
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(source.resolve("case.properties"))) {
            props.load(r);
        }
        Path run = tmp.resolve("run");
        Trees.copy(source.resolve("run"), run); // the whole tree: a run directory may hold histograms/fork1/*.hlog
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TailgateCommand.execute(new String[] {"gate", run.toString(),
            "--thresholds", source.resolve("thresholds.yaml").toString(),
            "--today", props.getProperty("today")}, new PrintWriter(out), new PrintWriter(err));
        boolean update = Boolean.getBoolean("golden.update");
        for (String file : OUTPUTS) {
            String actual = Files.readString(run.resolve(file));
            Path expected = source.resolve("expected").resolve(file);
            if (update && locale == Locale.ROOT) {
                Files.createDirectories(expected.getParent());
                Files.writeString(expected, actual);
            }
            assertEquals(Files.readString(expected), actual, name + "/" + file + " under " + locale);
        }
        assertEquals(Integer.parseInt(props.getProperty("exit")), code, "exit code; stderr: " + err);
        assertJunitXmlIsWellFormed(run.resolve("junit.xml"));
        assertEquals(code == 3 ? 1 : 0, err.toString().lines().count(), "stderr: " + err);
    }

    /** CI servers parse this file: it must be XML, with one test case per check or unmatched rule. */
    private static void assertJunitXmlIsWellFormed(Path file) throws IOException {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
            assertEquals(Integer.parseInt(suite.getAttribute("tests")), doc.getElementsByTagName("testcase").getLength());
            assertEquals(Integer.parseInt(suite.getAttribute("failures")), doc.getElementsByTagName("failure").getLength());
            assertEquals(Integer.parseInt(suite.getAttribute("errors")), doc.getElementsByTagName("error").getLength());
        } catch (ParserConfigurationException | SAXException e) {
            throw new AssertionError(file + " is not well-formed XML", e);
        }
    }}
