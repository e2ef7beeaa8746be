package dev.tailgate.bench.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --flag value} command lines of the benchmark module's plain main classes. */
public final class MainFlags {
    private MainFlags() {
    }

    /**
     * Each flag with its value, in command-line order (a repeated flag keeps its last value);
     * a flag outside {@code known} or without a value is one line naming it.
     */
    public static Map<String, String> parse(String[] args, List<String> known) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (!known.contains(flag)) {
                throw new IllegalArgumentException("unknown option " + flag + " (expected " + String.join(", ", known) + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + ": missing value");
            }
            flags.put(flag, args[++i]);
        }
        return flags;
    }
}
