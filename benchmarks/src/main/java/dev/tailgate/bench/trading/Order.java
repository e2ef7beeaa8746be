package dev.tailgate.bench.trading;

import java.util.Objects;

/**
 * A new order. Limit orders rest in the book at {@code priceCents}; market orders carry the
 * touch price they would take and never rest.
 *
 * @param id                     unique, increasing from 1 within a session
 * @param symbol                 instrument
 * @param side                   buy or sell
 * @param priceCents             limit price (or touch price for market orders), cents
 * @param quantity               shares, &gt; 0
 * @param type                   limit or market
 * @param exchangeTimestampNanos exchange time, ns since the Unix epoch
 */
public record Order(long id, String symbol, Side side, long priceCents, long quantity, Type type,
                    long exchangeTimestampNanos) implements MarketEvent {

    public enum Side { BUY, SELL }

    public enum Type { LIMIT, MARKET }

    public Order {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        if (id <= 0 || priceCents <= 0 || quantity <= 0) {
            throw new IllegalArgumentException("id, price and quantity must be > 0");
        }
    }
}
