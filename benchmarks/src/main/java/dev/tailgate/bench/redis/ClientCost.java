package dev.tailgate.bench.redis;

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The pure half of {@link ClientCostMain}: the call order, the percentiles of each client's
 * histogram, the paired differences, and their printed and JSON forms. No I/O, no clock.
 *
 * <p>Why paired: the host switches speed regimes every few seconds, so two clients measured in
 * two sequential windows differ by whichever regime each window met. Here the three clients
 * share one window call by call, every regime hits all three alike, and a difference of their
 * percentiles is the client library's cost (docs/performance.md, "The client library's cost").
 */
public final class ClientCost {
    /** The clients measured, in the index order of {@link #ORDERS} and of the histograms. */
    public enum Client { RAW, JEDIS, LETTUCE }

    /**
     * The six orders of the three clients, one per block of three calls, taken in turn: over six
     * blocks each client follows each other client, so no client always pays (or is spared) the
     * cache and branch-predictor state another one leaves behind.
     */
    static final List<Client[]> ORDERS = List.of(
            new Client[] {Client.RAW, Client.JEDIS, Client.LETTUCE},
            new Client[] {Client.JEDIS, Client.LETTUCE, Client.RAW},
            new Client[] {Client.LETTUCE, Client.RAW, Client.JEDIS},
            new Client[] {Client.RAW, Client.LETTUCE, Client.JEDIS},
            new Client[] {Client.LETTUCE, Client.JEDIS, Client.RAW},
            new Client[] {Client.JEDIS, Client.RAW, Client.LETTUCE});

    private ClientCost() {
    }

    /** The order of the calls in block {@code block} (0, 1, ...). */
    public static Client[] order(long block) {
        return ORDERS.get((int) Math.floorMod(block, (long) ORDERS.size()));
    }

    /**
     * One client's round trips, in ns.
     *
     * @param calls the number of timed calls
     */
    public record Percentiles(long calls, long p50, long p99, long p999) {
        /** Reads a histogram of round trips in ns; an empty histogram gives zeros with 0 calls. */
        public static Percentiles of(Histogram h) {
            return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9));
        }
    }

    /**
     * A client minus raw RESP at p50 and p99, in ns: differences of percentiles taken from the
     * same interleaved window (not percentiles of per-call differences: the calls are not paired
     * one to one, the windows are).
     */
    public record Difference(long p50, long p99) {
        static Difference between(Percentiles client, Percentiles raw) {
            return new Difference(client.p50() - raw.p50(), client.p99() - raw.p99());
        }
    }

    /**
     * One run: each client's percentiles from one interleaved window.
     *
     * @param io the raw RESP socket's I/O ({@code tailgate.io})
     */
    public record Result(String io, Percentiles raw, Percentiles jedis, Percentiles lettuce) {
        public Difference jedisMinusRaw() {
            return Difference.between(jedis, raw);
        }

        public Difference lettuceMinusRaw() {
            return Difference.between(lettuce, raw);
        }

        /** Every client made at least one timed call: without that there is no difference to take. */
        public boolean complete() {
            return raw.calls() > 0 && jedis.calls() > 0 && lettuce.calls() > 0;
        }

        /** The human-readable report, one line per client and per difference, in us. */
        public List<String> lines() {
            return List.of(
                    client("raw-" + io, raw), client("jedis", jedis), client("lettuce", lettuce),
                    difference("jedis - raw-" + io, jedisMinusRaw()), difference("lettuce - raw-" + io, lettuceMinusRaw()));
        }

        /** The same as one JSON object, in us (what scripts/peers.sh reads). */
        public String json() {
            return String.format(Locale.ROOT, "{\"units\":\"microseconds\",\"io\":\"%s\",\"raw\":%s,\"jedis\":%s,"
                    + "\"lettuce\":%s,\"jedis_minus_raw_paired\":%s,\"lettuce_minus_raw_paired\":%s}", io,
                    json(raw), json(jedis), json(lettuce), json(jedisMinusRaw()), json(lettuceMinusRaw()));
        }

        private static String client(String name, Percentiles p) {
            return String.format(Locale.ROOT, "%-18s calls %d  p50 %s  p99 %s  p99.9 %s us", name, p.calls(),
                    us(p.p50()), us(p.p99()), us(p.p999()));
        }

        private static String difference(String name, Difference d) {
            return String.format(Locale.ROOT, "%-18s p50 %s  p99 %s us (paired: same window)", name, signed(d.p50()),
                    signed(d.p99()));
        }

        private static String json(Percentiles p) {
            return String.format(Locale.ROOT, "{\"calls\":%d,\"p50\":%s,\"p99\":%s,\"p99.9\":%s}", p.calls(), us(p.p50()),
                    us(p.p99()), us(p.p999()));
        }

        private static String json(Difference d) {
            return String.format(Locale.ROOT, "{\"p50\":%s,\"p99\":%s}", us(d.p50()), us(d.p99()));
        }
    }

    static String us(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1000.0);
    }

    static String signed(long nanos) {
        return (nanos >= 0 ? "+" : "") + us(nanos);
    }
}
