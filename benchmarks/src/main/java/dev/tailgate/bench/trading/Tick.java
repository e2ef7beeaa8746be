package dev.tailgate.bench.trading;

import java.util.Objects;

/**
 * A top-of-book quote update.
 *
 * @param symbol                 instrument, e.g. SYM0001
 * @param bidCents               best bid, cents
 * @param askCents               best ask, cents; always greater than the bid
 * @param bidSize                shares at the bid, &gt; 0
 * @param askSize                shares at the ask, &gt; 0
 * @param lastCents              last trade price, cents (the opening bid before any trade)
 * @param exchangeTimestampNanos exchange time, ns since the Unix epoch
 */
public record Tick(String symbol, long bidCents, long askCents, long bidSize, long askSize, long lastCents,
                   long exchangeTimestampNanos) implements MarketEvent {
    public Tick {
        Objects.requireNonNull(symbol, "symbol");
        if (bidCents <= 0 || askCents <= bidCents) {
            throw new IllegalArgumentException("need 0 < bid < ask, got bid=" + bidCents + " ask=" + askCents);
        }
        if (bidSize <= 0 || askSize <= 0 || lastCents <= 0) {
            throw new IllegalArgumentException("sizes and last must be > 0");
        }
    }
}
