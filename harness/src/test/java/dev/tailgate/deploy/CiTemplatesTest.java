package dev.tailgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tailgate.cli.TailgateCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The CI and Kubernetes templates under deploy/: every {@code ./tailgate} command line in them
 * is one the real CLI accepts (picocli parses it without running it, so an unknown command or
 * option, or a missing required one, fails here and not at 2 a.m.), the nightly run is the
 * README's, and the report files they publish are the ones {@code gate} and {@code compare}
 * really write.
 */
class CiTemplatesTest {
    static final Path ROOT = Path.of(System.getProperty("tailgate.test.root", ".."));
    static final String GITHUB = "deploy/ci/github/nightly.yml";
    static final String GITLAB = "deploy/ci/gitlab/nightly.gitlab-ci.yml";
    static final String K8S = "deploy/k8s/nightly-cronjob.yaml";

    /** What ends a command in a shell line: an operator, a redirection or a comment. */
    private static final Set<String> SHELL_STOPS = Set.of(";", "&&", "||", "|", "&", ">", ">>", "2>&1", "#", ")");
    private static final Pattern REPORT_PATH = Pattern.compile("results/[^\\s\"']*\\.(xml|md)");

    @ParameterizedTest
    @ValueSource(strings = {GITHUB, GITLAB, K8S, DistributedDeployTest.K8S_JOB, DistributedDeployTest.GITHUB_MATRIX})
    void everyTailgateCommandParsesWithTheRealCli(String file) throws IOException {
        List<List<String>> commands = commands(file);
        assertFalse(commands.isEmpty(), file + " runs no ./tailgate command");
        for (List<String> args : commands) {
            CommandLine cli = TailgateCommand.commandLine(new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()));
            try {
                CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
                assertTrue(parsed.hasSubcommand(), file + ": no command in " + args);
            } catch (CommandLine.ParameterException e) {
                fail(file + ": ./tailgate " + String.join(" ", args) + ": " + e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {GITHUB, GITLAB, K8S})
    void theNightlyRunIsTheReadmesCommand(String file) throws IOException {
        List<String> readme = readmeNightlyRun();
        List<List<String>> runs = commands(file).stream().filter(c -> c.get(0).equals("run")).toList();
        assertEquals(1, runs.size(), file + ": " + runs);
        List<String> run = runs.get(0);
        assertEquals(readme, run.subList(0, Math.min(readme.size(), run.size())),
                file + " must run the README's nightly command (then only add options)");
        assertTrue(Files.isRegularFile(ROOT.resolve(run.get(run.indexOf("--gate") + 1))), run.toString());
    }

    /** The README's nightly job: its {@code ./tailgate run} line, as words. */
    static List<String> readmeNightlyRun() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("### Nightly job");
        assertTrue(section >= 0, "README has no Nightly job section");
        List<List<String>> runs = tailgateCommands(readme.substring(section, readme.indexOf("\n## ", section)))
                .stream().filter(c -> c.get(0).equals("run")).toList();
        assertFalse(runs.isEmpty(), "the README's Nightly job has no ./tailgate run");
        return runs.get(0);
    }

    @Test
    void theCronJobReadsThePasswordFromTheSecretAndKeepsResultsOnTheClaim() throws IOException {
        List<JsonNode> docs = documents(K8S);
        JsonNode job = docs.stream().filter(d -> d.path("kind").asText().equals("CronJob")).findFirst().orElseThrow();
        JsonNode pod = job.at("/spec/jobTemplate/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        List<String> run = commands(K8S).stream().filter(c -> c.get(0).equals("run")).findFirst().orElseThrow();
        assertEquals("redis://redis:6379", run.get(run.indexOf("--target") + 1), run.toString());
        String passwordFile = run.get(run.indexOf("--password-file") + 1);

        JsonNode secretMount = mountHolding(container, passwordFile);
        JsonNode secret = volume(pod, secretMount.path("name").asText()).path("secret");
        assertFalse(secret.isMissingNode(), passwordFile + " must come from a Secret");
        String fileName = passwordFile.substring(secretMount.path("mountPath").asText().length() + 1);
        assertTrue(secret.findValuesAsText("path").contains(fileName), secret.toString());

        // The image runs the launcher with tailgate.home /opt/tailgate: results/ is beside it.
        JsonNode resultsMount = mountHolding(container, "/opt/tailgate/results/ledger.jsonl");
        String claim = volume(pod, resultsMount.path("name").asText()).at("/persistentVolumeClaim/claimName").asText();
        assertTrue(docs.stream().anyMatch(d -> d.path("kind").asText().equals("PersistentVolumeClaim")
                && d.at("/metadata/name").asText().equals(claim)), "no PersistentVolumeClaim " + claim);
        assertEquals("/opt/tailgate", container.path("workingDir").asText(), "./tailgate is relative to it");
    }

    /** The volume mount a file lies under. */
    private static JsonNode mountHolding(JsonNode container, String file) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (file.startsWith(m.path("mountPath").asText() + "/")) {
                return m;
            }
        }
        return fail(file + " is on no volume mount of " + container.path("volumeMounts"));
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        return fail("no volume " + name);
    }

    /**
     * The report paths the CI files publish match files that a real {@code gate} and
     * {@code compare} write into a run directory under results/ (both run here, on a captured run).
     */
    @Test
    void publishedReportPathsAreTheFilesGateAndCompareWrite(@TempDir Path checkout) throws IOException {
        Path golden = ROOT.resolve("harness/src/test/resources/golden/sample-gate");
        Path gated = Files.createDirectories(checkout.resolve("results/20261125T023000Z-nightly-0a1b"));
        for (String f : List.of("jmh.json", "manifest.json")) {
            Files.copy(golden.resolve("run").resolve(f), gated.resolve(f));
        }
        decides("gate", gated.toString(), "--thresholds", golden.resolve("thresholds.yaml").toString(),
                "--today", "2026-11-25", "--no-ledger");
        // compare's own fixture: captured JMH JSON without manifests, hence --allow-mismatch
        Path captured = ROOT.resolve("harness/src/test/resources/jmh-captured/sample.json");
        Path compared = Files.createDirectories(checkout.resolve("results/20261126T023000Z-nightly-2c3d"));
        Path baseline = Files.createDirectories(checkout.resolve("results/baselines/main"));
        Files.copy(captured, compared.resolve("jmh.json"));
        Files.copy(captured, baseline.resolve("jmh.json"));
        decides("compare", baseline.toString(), compared.toString(), "--allow-mismatch", "--no-ledger",
                "--seed", "7", "--results", checkout.resolve("results").toString());

        for (String file : List.of(GITHUB, GITLAB)) {
            List<String> paths = reportPaths(file);
            assertTrue(paths.stream().anyMatch(p -> p.endsWith("/junit.xml")), file + " publishes no junit.xml");
            assertTrue(paths.stream().anyMatch(p -> p.contains("comparison/")), file + " misses the comparison's reports");
            for (String glob : paths) {
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                try (Stream<Path> written = Files.walk(checkout)) {
                    assertTrue(written.map(checkout::relativize).anyMatch(m::matches),
                            file + ": " + glob + " matches no file that gate or compare wrote");
                }
            }
        }
        assertTrue(reportPaths(GITHUB).stream().anyMatch(p -> p.endsWith("/report.md")),
                "the workflow puts report.md into the job summary");
    }

    /** Runs a command in-process; it must decide (exit 0 or 1), which writes its reports. */
    private static void decides(String... args) {
        StringWriter err = new StringWriter();
        int code = TailgateCommand.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertTrue(code == 0 || code == 1, args[0] + " exit " + code + ": " + err);
    }

    /** Every results/... path to an .xml or .md file in the file's values: each must be one tailgate writes. */
    static List<String> reportPaths(String file) throws IOException {
        List<String> paths = new ArrayList<>();
        for (String s : strings(file)) {
            Matcher m = REPORT_PATH.matcher(s);
            while (m.find()) {
                paths.add(m.group());
            }
        }
        return paths;
    }

    /** The arguments of every ./tailgate command in the file's YAML values (comments are not run). */
    static List<List<String>> commands(String file) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (String s : strings(file)) {
            out.addAll(tailgateCommands(s));
        }
        return out;
    }

    static List<String> strings(String file) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode doc : documents(file)) {
            collect(doc, out);
        }
        return out;
    }

    static List<JsonNode> documents(String file) throws IOException {
        try (var docs = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(ROOT.resolve(file).toFile())) {
            return docs.readAll();
        }
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        }
        node.forEach(child -> collect(child, out));
    }

    /** The words after each {@code ./tailgate} in a shell text, up to the end of its command. */
    static List<List<String>> tailgateCommands(String shell) {
        List<List<String>> out = new ArrayList<>();
        for (String line : shell.replace("\\\n", " ").split("\n")) {
            List<String> words = List.of(line.strip().split("\\s+"));
            for (int i = words.indexOf("./tailgate"); i >= 0 && i < words.size(); i = next(words, i)) {
                List<String> args = new ArrayList<>();
                for (String w : words.subList(i + 1, words.size())) {
                    if (SHELL_STOPS.contains(w) || w.startsWith("#")) {
                        break;
                    }
                    args.add(w.replaceAll("^[\"']|[\"']$", ""));
                }
                out.add(args);
            }
        }
        return out;
    }

    private static int next(List<String> words, int from) {
        int i = words.subList(from + 1, words.size()).indexOf("./tailgate");
        return i < 0 ? -1 : from + 1 + i;
    }
}
