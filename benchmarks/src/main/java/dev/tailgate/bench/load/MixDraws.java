package dev.tailgate.bench.load;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * One sender's seeded draws of a load shape, and sending what was drawn: which command of the
 * mix, which key of its family, which value size. The three streams are split from one seed in
 * a fixed order, so a run repeats the same command sequence; the closed-loop {@link LoadTrial}
 * and the fixed-rate {@link MixConnections} draw the same way. Not thread-safe; no allocation
 * per draw.
 */
final class MixDraws {
    private final LoadCommand[] commands;
    private final CommandMix.Picker mix;
    private final KeyDistribution.Chooser keys;
    private final ValueSizes.Picker values;
    private final LoadKeyspace keyspace;

    MixDraws(LoadShape shape, LoadKeyspace keyspace, long seed) {
        this.commands = shape.mix().commands().toArray(new LoadCommand[0]);
        SplittableRandom streams = new SplittableRandom(seed);
        this.mix = shape.mix().picker(streams.nextLong());
        this.keys = shape.keys().chooser(shape.keyspace(), streams.nextLong());
        this.values = shape.values().picker(streams.nextLong());
        this.keyspace = keyspace;
    }

    /** Draws the next command, its key and value, queues it on {@code conn}; returns its index into the mix. */
    int send(LoadDriver driver, int conn) throws IOException {
        int k = mix.next();
        LoadCommand cmd = commands[k];
        byte[] key = cmd.family() == LoadCommand.Family.NONE ? null : keyspace.key(cmd.family(), keys.next());
        driver.send(conn, cmd, key, cmd.carriesValue() ? keyspace.payload(values.next()) : null);
        return k;
    }
}
