package dev.tailgate.cli;

import dev.tailgate.store.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run directories for the export tests, made of JMH's own captured output (jmh-captured/, the
 * golden fixed-rate run) and a manifest with the fields the run writer records, and the series
 * of an export read back.
 */
final class ExportRuns {
    static final Path RESOURCES = Path.of(System.getProperty("tailgate.test.root", ".."))
            .resolve("harness/src/test/resources");
    static final Path CAPTURED = RESOURCES.resolve("jmh-captured");
    static final Path FIXED_RATE = RESOURCES.resolve("golden/fixed-rate-gate");
    static final String STARTED = "2026-11-25T22:00:00.250Z";

    private ExportRuns() {
    }

    /** {@code results/id} holding captured {@code <mode>.json} as jmh.json and a manifest with {@code status}. */
    static Path captured(Path results, String id, String mode, String status, String extraManifest) throws IOException {
        Path dir = Files.createDirectories(results.resolve(id));
        Files.copy(CAPTURED.resolve(mode + ".json"), dir.resolve("jmh.json"));
        manifest(dir, id, status, extraManifest);
        return dir;
    }

    /** The golden fixed-rate run (jmh.json, .hlog files, redis-diff.json) as {@code results/id}. */
    static Path fixedRate(Path results, String id) throws IOException {
        Path dir = results.resolve(id);
        Trees.copy(FIXED_RATE.resolve("run"), dir);
        manifest(dir, id, "COMPLETE", "");
        return dir;
    }

    static void manifest(Path dir, String id, String status, String extra) throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\"schema\":1,\"runId\":\"" + id + "\",\"suite\":\"smoke\","
                + "\"status\":\"" + status + "\",\"startedAt\":\"" + STARTED + "\","
                + "\"redis\":{\"mode\":\"embedded\",\"version\":\"7.0.15\",\"profile\":\"stock (bundled)\"},"
                + "\"jmh\":{\"jmhVersion\":\"1.37\"},\"host\":{\"hostname\":\"bench-1\"}" + extra + "}");
    }

    /**
     * A run whose Jedis result carries the param value {@code a"b\c<line feed>d}: the three
     * characters both text formats escape in a label value.
     */
    static Path awkwardParams(Path results, String id) throws IOException {
        Path dir = captured(results, id, "sample", "COMPLETE", "");
        Path jmh = dir.resolve("jmh.json");
        String text = Files.readString(jmh);
        String replaced = text.replace("\"valueBytes\" : \"16\"", "\"valueBytes\" : \"a\\\"b\\\\c\\nd\"");
        if (replaced.equals(text)) {
            throw new IllegalStateException("no valueBytes param in " + jmh);
        }
        Files.writeString(jmh, replaced);
        return dir;
    }

    /**
     * The Prometheus tool {@code name} (promtool, prometheus) on PATH; the calling test is
     * skipped, saying so, when it is absent.
     */
    static Path prometheusToolOrSkip(String name) {
        java.util.Optional<Path> tool = onPath(name);
        org.junit.jupiter.api.Assumptions.assumeTrue(tool.isPresent(),
                name + " is not on PATH: install the Debian package prometheus to run this test");
        return tool.get();
    }

    /** An executable named {@code name} in a directory of PATH. */
    private static java.util.Optional<Path> onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** One sample line: metric name, labels in order, value. */
    record Series(String name, Map<String, String> labels, double value) {
        String label(String key) {
            return labels.get(key);
        }
    }

    /** The sample lines of an export (comments and metadata skipped), label values unescaped. */
    static List<Series> parse(String text) {
        List<Series> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = brace < 0 ? line.indexOf(' ') : line.lastIndexOf(' ');
            String name = line.substring(0, brace < 0 ? space : brace);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0) {
                int i = brace + 1;
                while (line.charAt(i) != '}') {
                    int eq = line.indexOf('=', i);
                    StringBuilder v = new StringBuilder();
                    int j = eq + 2;
                    for (; line.charAt(j) != '"'; j++) {
                        char c = line.charAt(j);
                        if (c == '\\') {
                            char n = line.charAt(++j);
                            v.append(n == 'n' ? '\n' : n);
                        } else {
                            v.append(c);
                        }
                    }
                    labels.put(line.substring(i, eq), v.toString());
                    i = line.charAt(j + 1) == ',' ? j + 2 : j + 1;
                }
            }
            out.add(new Series(name, labels, Double.parseDouble(line.substring(space + 1))));
        }
        return out;
    }

    /** The one series named {@code name} whose labels include {@code match} (key, value, key, value ...). */
    static Series one(List<Series> all, String name, String... match) {
        List<Series> found = all(all, name, match);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + name + " " + List.of(match) + ", found " + found);
        }
        return found.get(0);
    }

    static List<Series> all(List<Series> all, String name, String... match) {
        return all.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < match.length; i += 2) {
                if (!match[i + 1].equals(s.labels().get(match[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }
}
