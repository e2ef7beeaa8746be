package dev.tailgate.redis.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * How the 16384 hash slots are shared among the masters of a launched cluster, and the commands
 * that assign them: pure, no I/O. Each master gets a contiguous range and the ranges differ in
 * size by at most one slot, so keys spread evenly when they are chosen per slot owner.
 */
public final class ClusterSlots {
    /** Redis Cluster's fixed number of hash slots. */
    public static final int SLOTS = 16384;
    /** Slots per {@code CLUSTER ADDSLOTS} on servers without ADDSLOTSRANGE (Redis 6.2): keeps each command small. */
    static final int ADDSLOTS_BATCH = 1024;

    /** One master's slots, {@code first..last} inclusive. */
    public record Range(int first, int last) {
        public Range {
            if (first < 0 || last >= SLOTS || first > last) {
                throw new IllegalArgumentException("slot range " + first + ".." + last + ": expected 0 <= first <= last < " + SLOTS);
            }
        }

        public int size() {
            return last - first + 1;
        }

        public boolean contains(int slot) {
            return slot >= first && slot <= last;
        }
    }

    private ClusterSlots() {
    }

    /** The ranges of {@code masters} masters, in node order, covering every slot once. */
    public static List<Range> split(int masters) {
        if (masters < 1 || masters > SLOTS) {
            throw new IllegalArgumentException("masters " + masters + ": expected 1.." + SLOTS);
        }
        List<Range> ranges = new ArrayList<>(masters);
        for (int i = 0; i < masters; i++) {
            ranges.add(new Range((int) ((long) i * SLOTS / masters), (int) ((long) (i + 1) * SLOTS / masters) - 1));
        }
        return ranges;
    }

    /** Redis 7: one {@code CLUSTER ADDSLOTSRANGE first last}. */
    static List<String> addSlotsRange(Range r) {
        return List.of("CLUSTER", "ADDSLOTSRANGE", Integer.toString(r.first()), Integer.toString(r.last()));
    }

    /** Redis 6.2 has no ADDSLOTSRANGE: {@code CLUSTER ADDSLOTS s...} in batches of {@link #ADDSLOTS_BATCH}. */
    static List<List<String>> addSlotsBatches(Range r) {
        List<List<String>> commands = new ArrayList<>();
        for (int from = r.first(); from <= r.last(); from += ADDSLOTS_BATCH) {
            int to = Math.min(r.last(), from + ADDSLOTS_BATCH - 1);
            List<String> c = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int s = from; s <= to; s++) {
                c.add(Integer.toString(s));
            }
            commands.add(c);
        }
        return commands;
    }

    /** Which master of {@code ranges} owns {@code slot}. */
    public static int owner(List<Range> ranges, int slot) {
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).contains(slot)) {
                return i;
            }
        }
        throw new IllegalArgumentException("slot " + slot + ": no master owns it");
    }
}
