package dev.tailgate.suite;

import dev.tailgate.model.BadInputException;
import dev.tailgate.run.Suite;
import dev.tailgate.thresholds.ThresholdsLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Checks a parsed suite against the benchmarks this build has (JMH's own benchmark list, the one
 * {@code java -jar benchmarks.jar -l} prints): every include must match a benchmark, every param
 * must be a real {@code @Param} of a matched benchmark (JMH would otherwise fail the run only
 * after the embedded Redis and the first fork had started), every matched benchmark must declare
 * the suite's mode, and the default threshold file must load. Errors name the suite file's line.
 */
public final class SuiteCheck {
    private SuiteCheck() {
    }

    /** The benchmarks {@code suite} selects, sorted; one bad-input line if the suite does not fit this build. */
    public static List<String> benchmarks(Suite suite) {
        LocatedYaml yaml = SuiteParser.lines(suite.source(), SuiteFiles.bytes(suite.file(), suite.source()));
        SortedSet<BenchmarkListEntry> all = new TreeSet<>();
        for (int i = 0; i < suite.includes().size(); i++) {
            SortedSet<BenchmarkListEntry> found = find(List.of(suite.includes().get(i)), suite.excludes());
            if (found.isEmpty()) {
                throw SuiteParser.bad(suite.source(), yaml, "/benchmarks/include/" + i, "\"" + suite.includes().get(i)
                        + "\" matches no benchmark" + (suite.excludes().isEmpty() ? "" : " left by the excludes")
                        + "; list them with: java -jar benchmarks/target/benchmarks.jar -l");
            }
            all.addAll(found);
        }
        SortedSet<String> declared = new TreeSet<>();
        for (BenchmarkListEntry e : all) {
            declared.addAll(e.getParams().orElse(Map.of()).keySet());
            String mode = e.getMode().shortLabel();
            if (suite.mode().isPresent() && !suite.mode().get().equals(mode)) {
                throw SuiteParser.bad(suite.source(), yaml, "/mode", suite.mode().get() + ", but "
                        + e.getUsername() + " declares " + mode + " (a suite does not change a benchmark's mode)");
            }
        }
        for (String p : suite.params().keySet()) {
            if (!declared.contains(p)) {
                throw SuiteParser.bad(suite.source(), yaml, "/params/" + p, "no selected benchmark has this @Param"
                        + (declared.isEmpty() ? "" : ", expected one of " + String.join("|", declared)));
            }
        }
        suite.thresholdsFile().ifPresent(t -> thresholds(suite, yaml, t));
        return all.stream().map(BenchmarkListEntry::getUsername).distinct().sorted().toList();
    }

    private static void thresholds(Suite suite, LocatedYaml yaml, Path file) {
        if (!Files.isRegularFile(file)) {
            throw SuiteParser.bad(suite.source(), yaml, "/thresholds", suite.thresholds().orElseThrow()
                    + ": no such file (" + file + "), expected a path relative to the suite file");
        }
        ThresholdsLoader.load(file);
    }

    private static SortedSet<BenchmarkListEntry> find(List<String> includes, List<String> excludes) {
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(
                new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT);
        try {
            return BenchmarkList.defaultList().find(quiet, includes, excludes);
        } catch (RuntimeException e) {
            throw new BadInputException("no benchmark list in this build (" + e.getMessage()
                    + "): rebuild with mvn -DskipTests package");
        }
    }
}
