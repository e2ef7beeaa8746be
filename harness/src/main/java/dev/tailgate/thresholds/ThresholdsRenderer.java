package dev.tailgate.thresholds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.Statistic;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints merged thresholds in the file format itself (plus {@code from:}, the file each rule
 * came from, and {@code files:}, the hierarchy), so that what {@code thresholds show} prints
 * could be saved and loaded as an equivalent standalone file after dropping those two keys.
 */
public final class ThresholdsRenderer {

    private ThresholdsRenderer() {
    }

    public static String yaml(Thresholds t) {
        ObjectNode root = JsonFiles.yaml().createObjectNode();
        root.put("schema", ThresholdsParser.SCHEMA);
        ArrayNode files = root.putArray("files");
        t.files().stream().map(Path::toString).forEach(files::add);
        ObjectNode policy = root.putObject("policy");
        policy.put("inconclusive", t.policy().inconclusive().name().toLowerCase(Locale.ROOT));
        if (t.policy().minTailSamples().isPresent()) {
            policy.put("minTailSamples", t.policy().minTailSamples().getAsLong());
        } else {
            policy.put("minTailSamples", "auto");
        }
        policy.put("confidence", BigDecimal.valueOf(t.policy().confidence()));
        ArrayNode rules = root.putArray("rules");
        for (Rule r : t.rules()) {
            ObjectNode rn = rules.addObject();
            rn.put("id", r.id());
            rn.put("from", r.file());
            rn.put("match", r.match());
            r.histogram().ifPresent(h -> rn.put("histogram", h));
            if (!r.params().isEmpty()) {
                ObjectNode pn = rn.putObject("params");
                r.params().forEach(pn::put);
            }
            ObjectNode ln = rn.putObject("limits");
            for (Limit l : r.limits()) {
                ObjectNode one = ln.putObject(l.statistic().yamlName());
                one.put("fail", l.fail().toString());
                l.warn().ifPresent(w -> one.put("warn", w.toString()));
            }
        }
        ArrayNode waivers = root.putArray("waivers");
        for (Waiver w : t.waivers()) {
            ObjectNode wn = waivers.addObject();
            wn.put("rule", w.ruleId());
            w.statistic().map(Statistic::yamlName).ifPresent(s -> wn.put("statistic", s));
            wn.put("reason", w.reason());
            wn.put("expires", w.expires().toString());
            wn.put("from", w.file());
        }
        if (!t.counterLimits().isEmpty()) {
            ObjectNode redis = root.putObject("redis");
            for (CounterLimit c : t.counterLimits()) {
                String key = c.name().substring("redis.".length());
                if (c.warn().isPresent()) {
                    ObjectNode one = redis.putObject(key);
                    one.put("fail", c.fail());
                    one.put("warn", c.warn().getAsLong());
                } else {
                    redis.put(key, c.fail());
                }
            }
        }
        try {
            return JsonFiles.yaml().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
