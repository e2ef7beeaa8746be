package dev.tailgate.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A command mix given as integer weights, {@code GET:10,SET:1}: each command is drawn
 * independently with probability weight / total, from a seeded per-thread stream, so a run
 * repeats the same command sequence and two threads do not move in lockstep.
 *
 * @param commands the commands, in the order given
 * @param weights  their positive weights, same order
 */
public record CommandMix(List<LoadCommand> commands, List<Integer> weights) {
    public static final String PARAM = "mix";
    /** Bounds the cumulative table; far beyond any ratio worth asking for. */
    static final int MAX_TOTAL_WEIGHT = 1_000_000;

    public CommandMix {
        commands = List.copyOf(commands);
        weights = List.copyOf(weights);
        if (commands.isEmpty() || commands.size() != weights.size()) {
            throw new IllegalArgumentException(PARAM + ": expected one weight per command, got " + commands + " " + weights);
        }
    }

    /** Parses {@code CMD:W[,CMD:W...]}; a malformed value fails naming the parameter and the value. */
    public static CommandMix parse(String value) {
        String expected = PARAM + ": expected COMMAND:WEIGHT[,COMMAND:WEIGHT...] with COMMAND one of "
                + LoadCommand.names() + " (each once) and WEIGHT a positive integer, got \"" + value + "\"";
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(expected);
        }
        List<LoadCommand> commands = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        long total = 0;
        for (String part : value.split(",", -1)) {
            String[] kv = part.strip().split(":", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException(expected);
            }
            LoadCommand c;
            int w;
            try {
                c = LoadCommand.valueOf(kv[0].strip().toUpperCase(Locale.ROOT));
                w = Integer.parseInt(kv[1].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(expected);
            }
            if (w <= 0 || commands.contains(c)) {
                throw new IllegalArgumentException(expected);
            }
            total += w;
            commands.add(c);
            weights.add(w);
        }
        if (total > MAX_TOTAL_WEIGHT) {
            throw new IllegalArgumentException(PARAM + ": weights add up to " + total + ", at most " + MAX_TOTAL_WEIGHT
                    + " allowed, got \"" + value + "\"");
        }
        return new CommandMix(commands, weights);
    }

    public boolean uses(LoadCommand.Family family) {
        return commands.stream().anyMatch(c -> c.family() == family);
    }

    public boolean usesValues() {
        return commands.stream().anyMatch(LoadCommand::carriesValue);
    }

    /** A seeded picker: each {@link Picker#next()} is an index into {@link #commands()}. */
    public Picker picker(long seed) {
        int[] upTo = new int[weights.size()];
        int sum = 0;
        for (int i = 0; i < upTo.length; i++) {
            sum += weights.get(i);
            upTo[i] = sum;
        }
        return new Picker(upTo, new SplittableRandom(seed));
    }

    /** Draws command indices; one per benchmark thread (not thread-safe), no allocation per draw. */
    public static final class Picker {
        private final int[] upTo;
        private final SplittableRandom random;

        Picker(int[] upTo, SplittableRandom random) {
            this.upTo = upTo;
            this.random = random;
        }

        public int next() {
            int r = random.nextInt(upTo[upTo.length - 1]);
            int i = 0;
            while (r >= upTo[i]) {
                i++;
            }
            return i;
        }
    }
}
