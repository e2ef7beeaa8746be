package dev.tailgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tailgate.model.BadInputException;
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
 * </pre>
 *
 * Statistics not named keep the defaults ({@link Margins#defaults()}); a child file's value
 * replaces its parent's for that statistic. The hierarchy (extends, cycles, missing files) is
 * validated by {@link ThresholdsLoader} first, so this reader only walks files already known good.
 */
public final class RegressionMargins {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private RegressionMargins() {
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
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        JsonNode reg = root == null ? null : root.get("regression");
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
