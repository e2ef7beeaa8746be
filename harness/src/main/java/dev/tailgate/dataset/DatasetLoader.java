package dev.tailgate.dataset;

import dev.tailgate.bench.trading.GeneratorConfig;
import dev.tailgate.bench.trading.MarketDataGenerator;
import dev.tailgate.bench.trading.MarketEvent;
import dev.tailgate.bench.trading.Order;
import dev.tailgate.bench.trading.Tick;
import dev.tailgate.bench.trading.Trade;
import dev.tailgate.model.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Loads a generated session into Redis with pipelining. Key layout (docs/dataset.md), every key
 * under {@code prefix}, nothing else touched, never a FLUSHDB:
 * <ul>
 *   <li>{@code <prefix>ticks:<SYM>} stream per symbol, {@code XADD ... MAXLEN ~ maxlen *}</li>
 *   <li>{@code <prefix>quote:<SYM>} hash, the latest quote and last trade</li>
 *   <li>{@code <prefix>book:<SYM>:bids} / {@code :asks} sorted sets, score = price in cents,
 *       member = order id; resting limit orders, removed when a trade fills them</li>
 *   <li>{@code <prefix>trades} stream of all executions, {@code MAXLEN ~ maxlen}</li>
 *   <li>{@code <prefix>meta} hash: schema, seed, symbols, events, maxlen of the last load</li>
 * </ul>
 * The quote hash is written once per symbol per pipeline batch with the batch's latest values
 * (same final state as one HSET per tick, a fraction of the commands: under Zipf popularity the
 * top symbols tick many times per batch). Commands go out as raw RESP arguments with keys and
 * field names encoded once: the loader's own CPU, not Redis, was the limit with Jedis's typed
 * calls (a map and a params object per XADD). Fields are written in one fixed order. Every
 * reply of each batch is checked: a key of the wrong type under the prefix is bad input, not a
 * silently skipped write.
 */
public final class DatasetLoader {
    public static final int DEFAULT_BATCH_COMMANDS = 1_000;
    private static final byte[][] TICK_FIELDS = ascii("ts", "bid", "ask", "bidSize", "askSize", "last");
    private static final byte[][] TRADE_FIELDS = ascii("ts", "id", "symbol", "price", "qty", "buyOrderId", "sellOrderId");
    private static final byte[][] QUOTE_FIELDS = ascii("bid", "ask", "bidSize", "askSize", "last", "ts");
    private static final byte[] MAXLEN = ascii("MAXLEN")[0];
    private static final byte[] APPROX = ascii("~")[0];
    private static final byte[] AUTO_ID = ascii("*")[0];

    private final Jedis jedis;
    private final String prefix;
    private final long maxLen;
    private final int batchCommands;

    public DatasetLoader(Jedis jedis, String prefix, long maxLen, int batchCommands) {
        if (prefix.isEmpty()) {
            throw new BadInputException("--prefix: must not be empty, keys would leave the dataset namespace");
        }
        if (maxLen < 1) {
            throw new BadInputException("--maxlen " + maxLen + ": expected >= 1");
        }
        if (batchCommands < 1) {
            throw new IllegalArgumentException("batchCommands must be >= 1");
        }
        this.jedis = jedis;
        this.prefix = prefix;
        this.maxLen = maxLen;
        this.batchCommands = batchCommands;
    }

    public DatasetSummary load(GeneratorConfig config, DatasetProgress progress) {
        long start = System.nanoTime();
        int n = config.symbols();
        byte[][] symbols = new byte[n][];
        byte[][] tickKeys = new byte[n][];
        byte[][] quoteKeys = new byte[n][];
        byte[][] bidKeys = new byte[n][];
        byte[][] askKeys = new byte[n][];
        for (int i = 0; i < n; i++) {
            String sym = config.symbolName(i + 1);
            symbols[i] = ascii(sym)[0];
            tickKeys[i] = ascii(prefix + "ticks:" + sym)[0];
            quoteKeys[i] = ascii(prefix + "quote:" + sym)[0];
            bidKeys[i] = ascii(prefix + "book:" + sym + ":bids")[0];
            askKeys[i] = ascii(prefix + "book:" + sym + ":asks")[0];
        }
        byte[] tradesKey = ascii(prefix + "trades")[0];
        byte[] maxLenArg = num(maxLen);
        QuoteBuffer quotes = new QuoteBuffer(n);
        MarketDataGenerator gen = new MarketDataGenerator(config);
        long ticks = 0;
        long orders = 0;
        long trades = 0;
        long commands = 0;
        int pending = 0;
        Pipeline p = jedis.pipelined();
        while (gen.hasNext()) {
            MarketEvent e = gen.next();
            int s = rankIndex(e.symbol());
            if (e instanceof Tick t) {
                ticks++;
                p.sendCommand(Command.XADD, tickKeys[s], MAXLEN, APPROX, maxLenArg, AUTO_ID,
                        TICK_FIELDS[0], num(t.exchangeTimestampNanos()), TICK_FIELDS[1], num(t.bidCents()),
                        TICK_FIELDS[2], num(t.askCents()), TICK_FIELDS[3], num(t.bidSize()),
                        TICK_FIELDS[4], num(t.askSize()), TICK_FIELDS[5], num(t.lastCents()));
                pending++;
                quotes.tick(s, t);
            } else if (e instanceof Order o) {
                orders++;
                if (o.type() == Order.Type.LIMIT) {
                    p.sendCommand(Command.ZADD, o.side() == Order.Side.BUY ? bidKeys[s] : askKeys[s],
                            num(o.priceCents()), num(o.id()));
                    pending++;
                }
            } else if (e instanceof Trade t) {
                trades++;
                p.sendCommand(Command.XADD, tradesKey, MAXLEN, APPROX, maxLenArg, AUTO_ID,
                        TRADE_FIELDS[0], num(t.timestampNanos()), TRADE_FIELDS[1], num(t.id()),
                        TRADE_FIELDS[2], symbols[s], TRADE_FIELDS[3], num(t.priceCents()),
                        TRADE_FIELDS[4], num(t.quantity()), TRADE_FIELDS[5], num(t.buyOrderId()),
                        TRADE_FIELDS[6], num(t.sellOrderId()));
                pending++;
                quotes.trade(s, t);
                if (t.buyOrderId() != 0) {
                    p.sendCommand(Command.ZREM, bidKeys[s], num(t.buyOrderId()));
                    pending++;
                }
                if (t.sellOrderId() != 0) {
                    p.sendCommand(Command.ZREM, askKeys[s], num(t.sellOrderId()));
                    pending++;
                }
            }
            if (pending + quotes.dirtyCount() >= batchCommands) {
                pending += quotes.flush(p, quoteKeys);
                commands += pending;
                pending = 0;
                check(p.syncAndReturnAll());
                progress.update(ticks + orders + trades, config.events());
            }
        }
        pending += quotes.flush(p, quoteKeys);
        p.sendCommand(Command.HSET, ascii(prefix + "meta")[0], ascii("schema")[0], ascii(DatasetFileWriter.SCHEMA)[0],
                ascii("seed")[0], num(config.seed()), ascii("symbols")[0], num(config.symbols()),
                ascii("events")[0], num(config.events()), ascii("maxlen")[0], maxLenArg);
        commands += pending + 1;
        check(p.syncAndReturnAll());
        p.close();
        progress.update(ticks + orders + trades, config.events());
        return new DatasetSummary(ticks + orders + trades, ticks, orders, trades, commands, System.nanoTime() - start);
    }

    /** Latest quote per symbol since the last flush; flushed as one HSET per touched symbol, in first-touch order. */
    private static final class QuoteBuffer {
        private final long[][] quote;
        private final int[] dirty;
        private final boolean[] isDirty;
        private int dirtyCount;

        QuoteBuffer(int symbols) {
            quote = new long[symbols][QUOTE_FIELDS.length];
            dirty = new int[symbols];
            isDirty = new boolean[symbols];
        }

        int dirtyCount() {
            return dirtyCount;
        }

        void tick(int s, Tick t) {
            long[] q = quote[s];
            q[0] = t.bidCents();
            q[1] = t.askCents();
            q[2] = t.bidSize();
            q[3] = t.askSize();
            q[4] = t.lastCents();
            q[5] = t.exchangeTimestampNanos();
            touch(s);
        }

        /** A trade updates last and ts; a symbol without any tick yet has no quote to update. */
        void trade(int s, Trade t) {
            if (quote[s][0] != 0) {
                quote[s][4] = t.priceCents();
                quote[s][5] = t.timestampNanos();
                touch(s);
            }
        }

        private void touch(int s) {
            if (!isDirty[s]) {
                isDirty[s] = true;
                dirty[dirtyCount++] = s;
            }
        }

        int flush(Pipeline p, byte[][] quoteKeys) {
            for (int i = 0; i < dirtyCount; i++) {
                int s = dirty[i];
                long[] q = quote[s];
                p.sendCommand(Command.HSET, quoteKeys[s], QUOTE_FIELDS[0], num(q[0]), QUOTE_FIELDS[1], num(q[1]),
                        QUOTE_FIELDS[2], num(q[2]), QUOTE_FIELDS[3], num(q[3]), QUOTE_FIELDS[4], num(q[4]),
                        QUOTE_FIELDS[5], num(q[5]));
                isDirty[s] = false;
            }
            int flushed = dirtyCount;
            dirtyCount = 0;
            return flushed;
        }
    }

    /** SYM0042 -> 41: names are generated from ranks, so parsing is cheaper than a lookup table. */
    private static int rankIndex(String symbol) {
        return Integer.parseInt(symbol, 3, symbol.length(), 10) - 1;
    }

    private static byte[] num(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] ascii(String... s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private void check(List<Object> replies) {
        for (Object r : replies) {
            if (r instanceof JedisDataException e) {
                throw new BadInputException("redis refused a dataset write under prefix \"" + prefix + "\": "
                        + e.getMessage() + " (a key of another type under the prefix? choose another --prefix)", e);
            }
        }
    }
}
