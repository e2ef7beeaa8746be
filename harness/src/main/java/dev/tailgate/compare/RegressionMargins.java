package dev.tailgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.thresholds.InconclusivePolicy;
import dev.tailgate.thresholds.ThresholdsLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code regression:} section of a threshold hierarchy: per-statistic margins for
 * {@code compare}, e.g.
 *
 * <pre>
 * regression:
 *   p50: 5%
 *   p99: 10%
 *   p99.9: 25%
 *   inconclusive: fail
 * </pre>
 *
 * {@code inconclusive: fail|warn|pass} says what a comparison that cannot decide a gating check
 * does to the exit code, as the gate's {@code policy: inconclusive:} does for a limit: FAIL (the
 * default) exits 1, WARN exits 0 and says "not shown", PASS exits 0. A child file's value wins.
 *
 * Statistics not named keep the defaults ({@link Margins#defaults()}); a child file's value
 * replaces its parent's for that statistic. The hierarchy (extends, cycles, missing files) is
 * validated by {@link ThresholdsLoader} first, so this reader only walks files already known good.
 */
public final class RegressionMargins {
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private RegressionMargins() {
    }

    /** The {@code regression: inconclusive:} policy of a hierarchy; FAIL when no file sets it. */
    public static InconclusivePolicy inconclusive(Path thresholdsFile) {
        InconclusivePolicy p = DEFAULT_INCONCLUSIVE;
        for (Path f : ThresholdsLoader.load(thresholdsFile).files()) {
            JsonNode v = section(f) == null ? null : section(f).get(INCONCLUSIVE);
            if (v != null && !v.isNull()) {
                p = policy(f, v);
            }
        }
        return p;
    }

    /** Without a threshold file, INCONCLUSIVE fails, as in the gate: not shown is not green. */
    public static final InconclusivePolicy DEFAULT_INCONCLUSIVE = InconclusivePolicy.FAIL;

    private static final String INCONCLUSIVE = "inconclusive";

    private static InconclusivePolicy policy(Path file, JsonNode v) {
        String text = v.isValueNode() ? v.asText().strip().toUpperCase(java.util.Locale.ROOT) : "";
        for (InconclusivePolicy p : InconclusivePolicy.values()) {
            if (p.name().equals(text)) {
                return p;
            }
        }
        throw new BadInputException(file + ": regression.inconclusive: \"" + v.asText() + "\": expected fail|warn|pass");
    }

    private static JsonNode section(Path file) {
        JsonNode root;
        try {
            root = JsonFiles.yaml().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return root == null ? null : root.get("regression");
    }

    public static Margins load(Path thresholdsFile) {
        List<Path> files = ThresholdsLoader.load(thresholdsFile).files();
        Margins m = Margins.defaults();
        for (Path f : files) { // root first: children override
            m = apply(m, f);
        }
        return m;
    }

    static Margins apply(Margins base, Path file) {
        JsonNode reg = section(file);
        if (reg == null || reg.isNull()) {
            return base;
        }
        if (!reg.isObject()) {
            throw new BadInputException(file + ": regression: expected a mapping of statistic: percent, found " + reg.getNodeType());
        }
        Margins m = base;
        Iterator<Map.Entry<String, JsonNode>> it = reg.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(INCONCLUSIVE)) {
                policy(file, e.getValue());
                continue;
            }
            ComparedStatistic s = statistic(file, e.getKey());
            Matcher pm = PERCENT.matcher(e.getValue().asText().strip());
            if (!e.getValue().isValueNode() || !pm.matches()) {
                throw new BadInputException(file + ": regression." + e.getKey() + ": \"" + e.getValue().asText()
                        + "\": expected a percentage like 5%");
            }
            double fraction = Double.parseDouble(pm.group(1)) / 100.0;
            if (!(fraction >= 0 && fraction < 1)) {
                throw new BadInputException(file + ": regression." + e.getKey() + ": " + e.getValue().asText()
                        + ": expected 0% <= margin < 100%");
            }
            m = m.with(s, fraction);
        }
        return m;
    }

    private static ComparedStatistic statistic(Path file, String key) {
        for (ComparedStatistic s : ComparedStatistic.values()) {
            if (s.label().equals(key)) {
                return s;
            }
        }
        StringBuilder known = new StringBuilder();
        for (ComparedStatistic s : ComparedStatistic.values()) {
            known.append(known.length() == 0 ? "" : "|").append(s.label());
        }
        throw new BadInputException(file + ": regression." + key + ": unknown statistic, expected " + known);
    }
}
