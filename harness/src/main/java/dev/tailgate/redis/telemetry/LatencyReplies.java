package dev.tailgate.redis.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Parses the RESP2 replies of {@code LATENCY LATEST} and {@code LATENCY HISTOGRAM} as Jedis
 * hands them over (nested {@code List<Object>} of {@code byte[]} and {@code Long}). The
 * connection pins RESP2: under RESP3 the histogram reply is a map and this parser would not
 * apply. Pure.
 */
public final class LatencyReplies {
    private LatencyReplies() {
    }

    /** {@code [[event, ts, latest, max, ...], ...]}; fields newer servers append are ignored. */
    public static List<LatencyEvent> latest(Object reply) {
        List<LatencyEvent> out = new ArrayList<>();
        for (Object row : list(reply, "LATENCY LATEST")) {
            List<Object> r = list(row, "LATENCY LATEST row");
            if (r.size() < 4) {
                throw new IllegalStateException("LATENCY LATEST row has " + r.size() + " fields, expected >= 4");
            }
            out.add(new LatencyEvent(text(r.get(0)), number(r.get(1)), number(r.get(2)), number(r.get(3))));
        }
        return out;
    }

    /** {@code [name, [calls, n, histogram_usec, [bound, cumulative, ...]], ...]}. */
    public static List<CommandHistogram> histogram(Object reply) {
        List<Object> flat = list(reply, "LATENCY HISTOGRAM");
        List<CommandHistogram> out = new ArrayList<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            String command = text(flat.get(i)).toLowerCase(Locale.ROOT);
            List<Object> details = list(flat.get(i + 1), "LATENCY HISTOGRAM " + command);
            long calls = 0;
            TreeMap<Long, Long> buckets = new TreeMap<>();
            for (int j = 0; j + 1 < details.size(); j += 2) {
                String key = text(details.get(j));
                if ("calls".equals(key)) {
                    calls = number(details.get(j + 1));
                } else if ("histogram_usec".equals(key)) {
                    List<Object> pairs = list(details.get(j + 1), "histogram_usec of " + command);
                    for (int k = 0; k + 1 < pairs.size(); k += 2) {
                        buckets.put(number(pairs.get(k)), number(pairs.get(k + 1)));
                    }
                }
            }
            out.add(new CommandHistogram(command, calls, buckets));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String what) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalStateException(what + ": expected an array reply, got "
                + (o == null ? "nil" : o.getClass().getSimpleName()));
    }

    private static String text(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return String.valueOf(o);
    }

    private static long number(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        return Long.parseLong(text(o));
    }
}
