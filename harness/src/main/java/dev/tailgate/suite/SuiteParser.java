package dev.tailgate.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.DurationGrammar;
import dev.tailgate.model.UsageException;
import dev.tailgate.run.Suite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.annotations.Mode;

/**
 * Turns one suite file into a {@link Suite}, checking everything that can be checked without the
 * benchmark list ({@link SuiteCheck} does the rest). Pure: bytes in, suite or one bad-input line
 * out, {@code file:line: key: what is wrong}. Unknown keys are errors, as in threshold files: a
 * typo such as {@code froks:} must not silently run the default.
 */
final class SuiteParser {
    static final int SCHEMA = 1;
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final String origin;
    private final LocatedYaml yaml;

    private SuiteParser(String origin, LocatedYaml yaml) {
        this.origin = origin;
        this.yaml = yaml;
    }

    /** The suite named {@code name} in {@code bytes}, read from {@code file} ({@code origin} for people). */
    static Suite parse(String name, Path file, String origin, byte[] bytes) {
        LocatedYaml yaml = LocatedYaml.parse(origin, new String(bytes, StandardCharsets.UTF_8));
        return new SuiteParser(origin, yaml).suite(name, file, bytes);
    }

    /** The parsed lines, for {@link SuiteCheck}'s errors. */
    static LocatedYaml lines(String origin, byte[] bytes) {
        return LocatedYaml.parse(origin, new String(bytes, StandardCharsets.UTF_8));
    }

    private Suite suite(String name, Path file, byte[] bytes) {
        JsonNode root = yaml.root();
        if (root.isMissingNode() || root.isNull()) {
            throw bad("", "empty file, expected a mapping with schema: " + SCHEMA);
        }
        if (!root.isObject()) {
            throw bad("", "expected a mapping with schema: " + SCHEMA + ", found " + kind(root));
        }
        if (!NAME.matcher(name).matches()) {
            throw bad("", "\"" + name + "\" is not a suite name (letters, digits, '-', '_', '.'), rename the file");
        }
        allowOnly("", root, "schema", "description", "benchmarks", "params", "forks", "warmup", "measurement",
                "mode", "thresholds");
        JsonNode schema = required("", root, "schema");
        if (!schema.isInt() || schema.asInt() != SCHEMA) {
            throw bad("/schema", "expected " + SCHEMA + ", found " + schema);
        }
        JsonNode benchmarks = required("", root, "benchmarks");
        if (!benchmarks.isObject()) {
            throw bad("/benchmarks", "expected a mapping with include: and exclude:, found " + kind(benchmarks));
        }
        allowOnly("/benchmarks", benchmarks, "include", "exclude");
        List<String> includes = regexes("/benchmarks/include", required("/benchmarks", benchmarks, "include"));
        if (includes.isEmpty()) {
            throw bad("/benchmarks/include", "empty, expected at least one benchmark regex");
        }
        List<String> excludes = benchmarks.has("exclude")
                ? regexes("/benchmarks/exclude", benchmarks.get("exclude")) : List.of();
        JsonNode warmup = phase("/warmup", required("", root, "warmup"));
        JsonNode measurement = phase("/measurement", required("", root, "measurement"));
        return new Suite(name, root.has("description") ? text("/description", root.get("description")) : "",
                includes, excludes, params(root.get("params")), count("/forks", required("", root, "forks"), 1),
                count("/warmup/iterations", required("/warmup", warmup, "iterations"), 0),
                duration("/warmup/time", required("/warmup", warmup, "time")),
                count("/measurement/iterations", required("/measurement", measurement, "iterations"), 1),
                duration("/measurement/time", required("/measurement", measurement, "time")),
                Optional.ofNullable(root.get("mode")).map(this::mode),
                Optional.ofNullable(root.get("thresholds")).map(n -> text("/thresholds", n)),
                file, origin, Suite.sha256(bytes));
    }

    private JsonNode phase(String at, JsonNode n) {
        if (!n.isObject()) {
            throw bad(at, "expected a mapping with iterations: and time:, found " + kind(n));
        }
        allowOnly(at, n, "iterations", "time");
        return n;
    }

    private List<String> regexes(String at, JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(at, n)) {
            String at1 = at + "/" + out.size();
            String re = text(at1, item);
            try {
                Pattern.compile(re);
            } catch (PatternSyntaxException e) {
                throw bad(at1, "\"" + re + "\" is not a regular expression (" + e.getDescription() + ")");
            }
            out.add(re);
        }
        return out;
    }

    /** {@code name: [v1, v2]} or {@code name: v}: the values JMH's {@code -p name=v1,v2} would take. */
    private Map<String, List<String>> params(JsonNode n) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw bad("/params", "expected a mapping of @Param name to values, found " + kind(n));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            String at = "/params/" + e.getKey();
            List<String> values = new ArrayList<>();
            for (JsonNode v : list(at, e.getValue())) {
                if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
                    throw bad(at + "/" + values.size(), "expected a value, found " + kind(v));
                }
                values.add(v.asText());
            }
            if (values.isEmpty()) {
                throw bad(at, "no values, expected at least one (leave the param out for every value)");
            }
            out.put(e.getKey(), values);
        }
        return out;
    }

    private String mode(JsonNode n) {
        String m = text("/mode", n);
        try {
            return Mode.deepValueOf(m).shortLabel();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw bad("/mode", "unknown JMH mode \"" + m + "\", expected sample|ss|avgt|thrpt");
        }
    }

    private List<JsonNode> list(String at, JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(out::add);
        } else if (n.isValueNode() && !n.isNull()) {
            out.add(n);
        } else {
            throw bad(at, "expected a list, found " + kind(n));
        }
        return out;
    }

    private int count(String at, JsonNode n, int min) {
        if (!n.isInt() || n.asInt() < min) {
            throw bad(at, "expected an integer >= " + min + ", found " + kind(n));
        }
        return n.asInt();
    }

    private Duration duration(String at, JsonNode n) {
        if (!n.isTextual()) {
            throw bad(at, "expected a duration with a unit such as 2s or 500ms, found " + kind(n));
        }
        try {
            return DurationGrammar.parse(n.asText(), key(at));
        } catch (UsageException e) {
            throw bad(at, e.getMessage().substring(key(at).length() + 1));
        }
    }

    private JsonNode required(String at, JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            throw bad(at, key + ": missing");
        }
        return n;
    }

    private String text(String at, JsonNode n) {
        if (!n.isTextual() || n.asText().isBlank()) {
            throw bad(at, "expected a non-empty string, found " + kind(n));
        }
        return n.asText();
    }

    private void allowOnly(String at, JsonNode node, String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw bad(at + "/" + k, "unknown key, expected one of " + String.join("|", keys));
            }
        }
    }

    static String kind(JsonNode n) {
        return n.isTextual() ? "string \"" + n.asText() + "\"" : n.isValueNode() ? n.getNodeType().toString()
                .toLowerCase(Locale.ROOT) + " " + n.asText() : n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    /** {@code /warmup/time} as a person reads it: {@code warmup.time}. */
    static String key(String pointer) {
        return pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.');
    }

    private BadInputException bad(String at, String message) {
        return bad(origin, yaml, at, message);
    }

    /** {@code origin:line: key: message}, the line of {@code at} in {@code yaml}. */
    static BadInputException bad(String origin, LocatedYaml yaml, String at, String message) {
        String key = key(at);
        return new BadInputException(origin + ":" + yaml.line(at) + ": " + (key.isEmpty() ? "" : key + ": ") + message);
    }
}
