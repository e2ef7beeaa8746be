package dev.tailgate.thresholds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.MetricUnit;
import dev.tailgate.model.Statistic;
import dev.tailgate.redis.telemetry.TelemetryCounter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the YAML tree of one threshold file into a {@link ThresholdFile}, checking everything
 * that can be checked without the files it extends. Unknown keys are errors: a typo such as
 * {@code limts:} must not silently drop a limit.
 */
final class ThresholdsParser {
    static final int SCHEMA = 1;
    private static final Pattern QUANTITY = Pattern.compile("\\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*(\\S+)\\s*");

    /**
     * Tags the open-loop benchmarks and the sampler write into their {@code .hlog} files, and the
     * per-command tags of the mix benchmarks (benchmarks/README.md, "Load shapes").
     */
    static final List<String> HISTOGRAM_TAGS = List.of("response", "service", "GET", "SET", "PING", "INCR", "HGET",
            "HSET", "LPUSH", "RPOP");

    private final String file;

    private ThresholdsParser(String file) {
        this.file = file;
    }

    static ThresholdFile parse(Path path, JsonNode root) {
        return new ThresholdsParser(path.toString()).file(path, root);
    }

    private ThresholdFile file(Path path, JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw bad("empty file, expected a mapping with schema: " + SCHEMA);
        }
        if (!root.isObject()) {
            throw bad("expected a mapping with schema: " + SCHEMA + ", found " + kind(root));
        }
        // "regression" (margins for compare) is read by compare.RegressionMargins.
        allowOnly("", root, "schema", "extends", "policy", "rules", "waivers", "redis", "regression");
        JsonNode schema = root.get("schema");
        if (schema == null) {
            throw bad("schema: missing, expected schema: " + SCHEMA);
        }
        if (!schema.isInt() || schema.asInt() != SCHEMA) {
            throw bad("schema: expected " + SCHEMA + ", found " + schema);
        }
        Optional<String> ext = Optional.ofNullable(root.get("extends")).map(n -> text("extends", n));

        Optional<InconclusivePolicy> inconclusive = Optional.empty();
        Optional<OptionalLong> minTail = Optional.empty();
        OptionalDouble confidence = OptionalDouble.empty();
        JsonNode policy = root.get("policy");
        if (policy != null) {
            if (!policy.isObject()) {
                throw bad("policy: expected a mapping, found " + kind(policy));
            }
            allowOnly("policy.", policy, "inconclusive", "minTailSamples", "confidence");
            if (policy.has("inconclusive")) {
                String v = text("policy.inconclusive", policy.get("inconclusive"));
                try {
                    inconclusive = Optional.of(InconclusivePolicy.valueOf(v.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw bad("policy.inconclusive: expected fail|warn|pass, found \"" + v + "\"");
                }
            }
            if (policy.has("minTailSamples")) {
                JsonNode n = policy.get("minTailSamples");
                if (n.isTextual() && n.asText().equals("auto")) {
                    minTail = Optional.of(OptionalLong.empty());
                } else if (n.canConvertToLong() && n.isIntegralNumber() && n.asLong() >= 1) {
                    minTail = Optional.of(OptionalLong.of(n.asLong()));
                } else {
                    throw bad("policy.minTailSamples: expected auto or an integer >= 1, found " + n);
                }
            }
            if (policy.has("confidence")) {
                JsonNode n = policy.get("confidence");
                if (!n.isNumber() || !(n.asDouble() > 0.5 && n.asDouble() < 1)) {
                    throw bad("policy.confidence: expected a number in (0.5, 1) such as 0.95, found " + n);
                }
                confidence = OptionalDouble.of(n.asDouble());
            }
        }
        return new ThresholdFile(path, ext, inconclusive, minTail, confidence,
                rules(root.get("rules")), waivers(root.get("waivers")), counterLimits(root.get("redis")));
    }

    private List<Rule> rules(JsonNode node) {
        List<Rule> rules = new ArrayList<>();
        if (node == null || node.isNull()) {
            return rules;
        }
        if (!node.isArray()) {
            throw bad("rules: expected a list of rules, found " + kind(node));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "rules[" + i + "]";
            JsonNode r = node.get(i);
            if (!r.isObject()) {
                throw bad(at + ": expected a mapping, found " + kind(r));
            }
            allowOnly(at + ".", r, "id", "match", "params", "limits", "histogram");
            String id = text(at + ".id", required(at, r, "id"));
            at = at + " (" + id + ")";
            if (!ids.add(id)) {
                throw bad(at + ": duplicate rule id \"" + id + "\" in this file");
            }
            String match = text(at + ".match", required(at, r, "match"));
            Map<String, String> params = new TreeMap<>();
            JsonNode p = r.get("params");
            if (p != null) {
                if (!p.isObject()) {
                    throw bad(at + ".params: expected a mapping of name to value, found " + kind(p));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                        throw bad(at + ".params." + e.getKey() + ": expected a value, found " + kind(e.getValue()));
                    }
                    params.put(e.getKey(), e.getValue().asText());
                }
            }
            JsonNode l = required(at, r, "limits");
            if (!l.isObject() || l.isEmpty()) {
                throw bad(at + ".limits: expected a mapping of statistic to limit, found " + kind(l));
            }
            List<Limit> limits = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                var e = it.next();
                limits.add(limit(at, e.getKey(), e.getValue()));
            }
            Optional<String> histogram = Optional.empty();
            if (r.has("histogram")) {
                String tag = text(at + ".histogram", r.get("histogram"));
                if (!HISTOGRAM_TAGS.contains(tag)) {
                    throw bad(at + ".histogram: unknown histogram \"" + tag + "\", expected " + String.join("|", HISTOGRAM_TAGS));
                }
                histogram = Optional.of(tag);
            }
            rules.add(new Rule(id, match, new TreeMap<>(params), limits, file, histogram));
        }
        return rules;
    }

    private Limit limit(String rule, String statName, JsonNode node) {
        Statistic s = Statistic.fromYaml(statName);
        if (s == null) {
            throw bad(rule + ".limits: unknown statistic \"" + statName + "\", expected " + Statistic.spellings());
        }
        String at = rule + ".limits." + statName;
        Quantity fail;
        Optional<Quantity> warn = Optional.empty();
        if (node.isObject()) {
            allowOnly(at + ".", node, "fail", "warn");
            fail = quantity(at + ".fail", s, required(at, node, "fail"));
            if (node.has("warn")) {
                Quantity w = quantity(at + ".warn", s, node.get("warn"));
                double wv = w.in(fail.unit());
                boolean looser = s.lowerIsBetter() ? wv > fail.value() : wv < fail.value();
                if (looser) {
                    throw bad(at + ": warn " + w + " is looser than fail " + fail + ", expected warn "
                            + (s.lowerIsBetter() ? "<=" : ">=") + " fail");
                }
                warn = Optional.of(w);
            }
        } else {
            fail = quantity(at, s, node);
        }
        return new Limit(s, fail, warn);
    }

    private Quantity quantity(String at, Statistic s, JsonNode node) {
        MetricUnit.Kind kind = s == Statistic.THROUGHPUT ? MetricUnit.Kind.THROUGHPUT : MetricUnit.Kind.TIME;
        String units = MetricUnit.spellings(kind);
        if (node.isNumber()) {
            throw bad(at + ": " + node + ": missing unit, expected a value with " + units);
        }
        if (!node.isTextual()) {
            throw bad(at + ": expected a value with unit (" + units + "), found " + kind(node));
        }
        String text = node.asText();
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            throw bad(at + ": \"" + text + "\": expected a number and a unit " + units);
        }
        double v;
        try {
            v = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw bad(at + ": \"" + text + "\": not a number");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw bad(at + ": \"" + text + "\": expected a positive limit");
        }
        MetricUnit u = MetricUnit.fromSpelling(m.group(2));
        if (u == null || u.kind() != kind) {
            throw bad(at + ": \"" + text + "\": unknown unit \"" + m.group(2) + "\", expected " + units);
        }
        return new Quantity(v, u);
    }

    /**
     * The {@code redis:} section: counter name (as in {@code TelemetryCounter}, without the
     * {@code redis.} prefix) to a non-negative integer count, or {@code {fail: N, warn: M}}.
     */
    private List<CounterLimit> counterLimits(JsonNode node) {
        List<CounterLimit> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw bad("redis: expected a mapping of counter to limit, found " + kind(node));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String name = "redis." + e.getKey();
            String at = "redis." + e.getKey();
            if (TelemetryCounter.fromRuleName(name).isEmpty()) {
                throw bad(at + ": unknown counter \"" + e.getKey() + "\", expected one of "
                        + Arrays.stream(TelemetryCounter.values()).map(c -> c.ruleName().substring("redis.".length()))
                        .collect(Collectors.joining("|")));
            }
            JsonNode v = e.getValue();
            long fail;
            OptionalLong warn = OptionalLong.empty();
            if (v.isObject()) {
                allowOnly(at + ".", v, "fail", "warn");
                fail = count(at + ".fail", required(at, v, "fail"));
                if (v.has("warn")) {
                    long w = count(at + ".warn", v.get("warn"));
                    if (w > fail) {
                        throw bad(at + ": warn " + w + " is looser than fail " + fail + ", expected warn <= fail");
                    }
                    warn = OptionalLong.of(w);
                }
            } else {
                fail = count(at, v);
            }
            out.add(new CounterLimit(name, fail, warn, file));
        }
        return out;
    }

    private long count(String at, JsonNode n) {
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw bad(at + ": expected a count (an integer >= 0), found " + (n.isNumber() ? n.asText() : kind(n)));
        }
        return n.asLong();
    }

    private List<Waiver> waivers(JsonNode node) {
        List<Waiver> waivers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return waivers;
        }
        if (!node.isArray()) {
            throw bad("waivers: expected a list, found " + kind(node));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "waivers[" + i + "]";
            JsonNode w = node.get(i);
            if (!w.isObject()) {
                throw bad(at + ": expected a mapping, found " + kind(w));
            }
            allowOnly(at + ".", w, "rule", "statistic", "reason", "expires");
            String rule = text(at + ".rule", required(at, w, "rule"));
            Optional<Statistic> stat = Optional.empty();
            if (w.has("statistic")) {
                String sn = text(at + ".statistic", w.get("statistic"));
                Statistic s = Statistic.fromYaml(sn);
                if (s == null) {
                    throw bad(at + ".statistic: unknown statistic \"" + sn + "\", expected " + Statistic.spellings());
                }
                stat = Optional.of(s);
            }
            String reason = text(at + ".reason", required(at, w, "reason"));
            if (reason.isBlank()) {
                throw bad(at + ".reason: empty, a waiver must say why");
            }
            String date = required(at, w, "expires").asText();
            LocalDate expires;
            try {
                expires = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw bad(at + ".expires: \"" + date + "\": malformed date, expected YYYY-MM-DD");
            }
            Waiver waiver = new Waiver(rule, stat, reason, expires, file);
            if (!keys.add(waiver.key())) {
                throw bad(at + ": duplicate waiver for rule \"" + rule + "\"");
            }
            waivers.add(waiver);
        }
        return waivers;
    }

    private JsonNode required(String at, JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            throw bad(at + "." + key + ": missing");
        }
        return n;
    }

    private String text(String at, JsonNode n) {
        if (!n.isTextual() || n.asText().isBlank()) {
            throw bad(at + ": expected a non-empty string, found " + kind(n));
        }
        return n.asText();
    }

    private void allowOnly(String prefix, JsonNode node, String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw bad(prefix + k + ": unknown key, expected one of " + String.join("|", keys));
            }
        }
    }

    private static String kind(JsonNode n) {
        return n.isTextual() ? "string \"" + n.asText() + "\"" : n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private BadInputException bad(String message) {
        return new BadInputException(file + ": " + message);
    }
}
