package dev.tailgate.bench.load;

/**
 * Everything a mix benchmark's {@code @Param}s ask for, parsed and checked at trial setup: a
 * malformed value fails the trial with one line naming the parameter and the value, never a
 * silent default (the benchmark would measure something else than asked).
 *
 * @param mix         the command mix ({@code mix})
 * @param keys        the key distribution ({@code keys})
 * @param keyspace    keys per family and thread ({@code keyspace})
 * @param values      the value sizes ({@code values})
 * @param pipeline    commands written per connection before its replies are read ({@code pipeline})
 * @param connections the thread's connections, each carrying one batch per call ({@code connections})
 */
public record LoadShape(CommandMix mix, KeyDistribution keys, int keyspace, ValueSizes values, int pipeline,
                        int connections) {
    public static final String KEYSPACE = "keyspace";
    public static final String PIPELINE = "pipeline";
    public static final String CONNECTIONS = "connections";
    /** Bounds the per-thread key table and Zipf table (8 MB of doubles). */
    public static final int MAX_KEYSPACE = 1_000_000;
    public static final int MAX_PIPELINE = 1024;
    public static final int MAX_CONNECTIONS = 1024;

    public LoadShape {
        check(KEYSPACE, keyspace, MAX_KEYSPACE);
        check(PIPELINE, pipeline, MAX_PIPELINE);
        check(CONNECTIONS, connections, MAX_CONNECTIONS);
    }

    private static void check(String param, int v, int max) {
        if (v < 1 || v > max) {
            throw new IllegalArgumentException(param + ": expected an integer from 1 to " + max + ", got " + v);
        }
    }

    /** Parses the benchmark's params (JMH passes every {@code @Param} as a string). */
    public static LoadShape parse(String mix, String keys, String keyspace, String values, String pipeline,
                                  String connections) {
        return new LoadShape(CommandMix.parse(mix), KeyDistribution.parse(keys), integer(KEYSPACE, keyspace),
                ValueSizes.parse(values), integer(PIPELINE, pipeline), integer(CONNECTIONS, connections));
    }

    private static int integer(String param, String v) {
        try {
            return Integer.parseInt(v == null ? "" : v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(param + ": expected an integer, got \"" + v + "\"");
        }
    }

    /** Commands one benchmark call carries: one batch of {@code pipeline} on each connection. */
    public int commandsPerCall() {
        return pipeline * connections;
    }
}
