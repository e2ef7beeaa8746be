package dev.tailgate.redis.telemetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the text {@code INFO} returns. INFO is open-ended (every Redis version adds fields), so
 * sections are kept as raw key/value maps in server order; the typed views the diff needs
 * ({@link CommandStat}, per-command latency percentiles) are parsed from them. Pure.
 */
public final class InfoText {
    private InfoText() {
    }

    /** Section name (lower case, "commandstats") -> key -> value, in the order Redis printed them. */
    public static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String name = line.substring(1).strip().toLowerCase(Locale.ROOT);
                current = sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            if (current == null) {
                current = sections.computeIfAbsent("", n -> new LinkedHashMap<>());
            }
            current.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return sections;
    }

    /** {@code calls=3,usec=10,usec_per_call=3.33} -> ordered map; malformed pairs are skipped. */
    public static Map<String, String> fields(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    /** Parses the {@code commandstats} section; missing fields (older servers) read as 0. */
    public static List<CommandStat> commandStats(Map<String, String> section) {
        List<CommandStat> out = new ArrayList<>();
        for (Map.Entry<String, String> e : section.entrySet()) {
            if (!e.getKey().startsWith("cmdstat_")) {
                continue;
            }
            Map<String, String> f = fields(e.getValue());
            out.add(new CommandStat(e.getKey().substring("cmdstat_".length()).toLowerCase(Locale.ROOT),
                    longOf(f.get("calls")), longOf(f.get("usec")),
                    longOf(f.get("rejected_calls")), longOf(f.get("failed_calls"))));
        }
        return out;
    }

    /**
     * Parses the {@code latencystats} section (Redis 7+): command -> percentile label ("p99.9")
     * -> microseconds. These are cumulative since start or CONFIG RESETSTAT, never per window.
     */
    public static Map<String, Map<String, Double>> latencyPercentiles(Map<String, String> section) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        String prefix = "latency_percentiles_usec_";
        for (Map.Entry<String, String> e : section.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            Map<String, Double> p = new LinkedHashMap<>();
            fields(e.getValue()).forEach((k, v) -> {
                try {
                    p.put(k, Double.parseDouble(v));
                } catch (NumberFormatException ignored) {
                    // a label we cannot read is left out rather than guessed
                }
            });
            out.put(e.getKey().substring(prefix.length()).toLowerCase(Locale.ROOT), Collections.unmodifiableMap(p));
        }
        return out;
    }

    static long longOf(String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
