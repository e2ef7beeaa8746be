package dev.tailgate.bench.support;

/**
 * This JVM's share of a distributed run ({@code tailgate run --shard i/N}, docs/distributed.md),
 * read from the system property {@code tailgate.shard} ({@code i/N}; absent = {@code 1/1}, the
 * whole run). Two rules, both chosen so that the N shards together make exactly the load of one
 * host running alone at the suite's settings:
 * <ul>
 *   <li>Keys: local key {@code j} of a trial is global index {@code j*N + (i-1)}, so shard i owns
 *       the indices congruent to {@code i-1} mod N. Interleaving (rather than contiguous ranges)
 *       needs no total key count up front, and keeps every shard's slice spread over the whole
 *       index range, as a hash-slotted key space will want.</li>
 *   <li>Rate: a fixed-rate benchmark at {@code rate} sends {@code rate/N} per second, the first
 *       {@code rate mod N} shards one more, so the shards' rates add up to {@code rate} exactly.
 *       JMH's {@code rate} param stays the distributed run's total: it names the same result on
 *       every shard, which is what the merge matches on.</li>
 * </ul>
 *
 * @param index 1-based shard number, 1..count
 * @param count number of shards
 */
public record BenchShard(int index, int count) {
    public static final String PROPERTY = "tailgate.shard";
    public static final BenchShard WHOLE = new BenchShard(1, 1);

    public BenchShard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException(PROPERTY + ": expected i/N with 1 <= i <= N, got " + index + "/" + count);
        }
    }

    /** Parses {@code i/N}; null or blank is the whole run. */
    public static BenchShard parse(String v) {
        if (v == null || v.isBlank()) {
            return WHOLE;
        }
        String[] parts = v.strip().split("/", -1);
        try {
            if (parts.length == 2) {
                return new BenchShard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException(PROPERTY + ": expected i/N with 1 <= i <= N, got \"" + v + "\"");
    }

    public static BenchShard fromSystemProperties() {
        return parse(System.getProperty(PROPERTY));
    }

    /** The global key index of this shard's local key {@code local}. */
    public long keyIndex(int local) {
        return (long) local * count + (index - 1);
    }

    /** This shard's part of a total request rate; the parts of all shards add up to {@code total}. */
    public long rate(long total) {
        return total / count + (index - 1 < total % count ? 1 : 0);
    }
}
