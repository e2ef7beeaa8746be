package dev.tailgate.dataset;

import dev.tailgate.bench.trading.GeneratorConfig;
import dev.tailgate.bench.trading.MarketDataGenerator;
import dev.tailgate.bench.trading.MarketEvent;
import dev.tailgate.bench.trading.Order;
import dev.tailgate.bench.trading.Tick;
import dev.tailgate.bench.trading.Trade;
import dev.tailgate.model.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;

/**
 * Loads a generated session into Redis with pipelining. Key layout (docs/dataset.md), every key
 * under {@code prefix}, nothing else touched, never a FLUSHDB:
 * <ul>
 *   <li>{@code <prefix>ticks:<SYM>} stream per symbol, {@code XADD ... MAXLEN ~ maxlen *}</li>
 *   <li>{@code <prefix>quote:<SYM>} hash, the latest quote and last trade</li>
 *   <li>{@code <prefix>book:<SYM>:bids} / {@code :asks} sorted sets, score = price in cents,
 *       member = order id; resting limit orders, removed when a trade fills them</li>
 *   <li>{@code <prefix>trades} stream of all executions, {@code MAXLEN ~ maxlen}</li>
 *   <li>{@code <prefix>meta} hash: schema, seed, symbols, events of the last load</li>
 * </ul>
 * The quote hash is written once per symbol per pipeline batch with the batch's latest values
 * (same final state as one HSET per tick, a fraction of the commands: under Zipf popularity the
 * top symbols tick many times per batch). Batches are {@value #DEFAULT_BATCH_COMMANDS} commands.
 * Field maps are LinkedHashMaps so stream entries keep one field order on every run. Every
 * reply of each pipeline batch is checked: a key of the wrong type under the prefix is bad
 * input, not a silently skipped write.
 */
public final class DatasetLoader {
    public static final int DEFAULT_BATCH_COMMANDS = 1_000;
    private static final String[] QUOTE_FIELDS = {"bid", "ask", "bidSize", "askSize", "last", "ts"};

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
        String[] tickKeys = new String[config.symbols()];
        String[] quoteKeys = new String[config.symbols()];
        String[] bidKeys = new String[config.symbols()];
        String[] askKeys = new String[config.symbols()];
        for (int i = 0; i < config.symbols(); i++) {
            String sym = config.symbolName(i + 1);
            tickKeys[i] = prefix + "ticks:" + sym;
            quoteKeys[i] = prefix + "quote:" + sym;
            bidKeys[i] = prefix + "book:" + sym + ":bids";
            askKeys[i] = prefix + "book:" + sym + ":asks";
        }
        String tradesKey = prefix + "trades";
        XAddParams trim = XAddParams.xAddParams().maxLen(maxLen).approximateTrimming();
        MarketDataGenerator gen = new MarketDataGenerator(config);
        long ticks = 0;
        long orders = 0;
        long trades = 0;
        long commands = 0;
        int pending = 0;
        long[][] quote = new long[config.symbols()][QUOTE_FIELDS.length];
        int[] dirty = new int[config.symbols()];
        boolean[] isDirty = new boolean[config.symbols()];
        int dirtyCount = 0;
        Pipeline p = jedis.pipelined();
        while (gen.hasNext()) {
            MarketEvent e = gen.next();
            int s = rankIndex(e.symbol());
            if (e instanceof Tick t) {
                ticks++;
                Map<String, String> f = new LinkedHashMap<>(12);
                f.put("ts", Long.toString(t.exchangeTimestampNanos()));
                f.put("bid", Long.toString(t.bidCents()));
                f.put("ask", Long.toString(t.askCents()));
                f.put("bidSize", Long.toString(t.bidSize()));
                f.put("askSize", Long.toString(t.askSize()));
                f.put("last", Long.toString(t.lastCents()));
                p.xadd(tickKeys[s], trim, f);
                pending++;
                long[] q = quote[s];
                q[0] = t.bidCents();
                q[1] = t.askCents();
                q[2] = t.bidSize();
                q[3] = t.askSize();
                q[4] = t.lastCents();
                q[5] = t.exchangeTimestampNanos();
                if (!isDirty[s]) {
                    isDirty[s] = true;
                    dirty[dirtyCount++] = s;
                }
            } else if (e instanceof Order o) {
                orders++;
                if (o.type() == Order.Type.LIMIT) {
                    p.zadd(o.side() == Order.Side.BUY ? bidKeys[s] : askKeys[s], o.priceCents(), Long.toString(o.id()));
                    pending++;
                }
            } else if (e instanceof Trade t) {
                trades++;
                Map<String, String> f = new LinkedHashMap<>(12);
                f.put("ts", Long.toString(t.timestampNanos()));
                f.put("id", Long.toString(t.id()));
                f.put("symbol", t.symbol());
                f.put("price", Long.toString(t.priceCents()));
                f.put("qty", Long.toString(t.quantity()));
                f.put("buyOrderId", Long.toString(t.buyOrderId()));
                f.put("sellOrderId", Long.toString(t.sellOrderId()));
                p.xadd(tradesKey, trim, f);
                pending++;
                if (quote[s][0] != 0) {
                    quote[s][4] = t.priceCents();
                    quote[s][5] = t.timestampNanos();
                    if (!isDirty[s]) {
                        isDirty[s] = true;
                        dirty[dirtyCount++] = s;
                    }
                }
                if (t.buyOrderId() != 0) {
                    p.zrem(bidKeys[s], Long.toString(t.buyOrderId()));
                    pending++;
                }
                if (t.sellOrderId() != 0) {
                    p.zrem(askKeys[s], Long.toString(t.sellOrderId()));
                    pending++;
                }
            }
            if (pending + dirtyCount >= batchCommands) {
                pending += flushQuotes(p, quoteKeys, quote, dirty, isDirty, dirtyCount);
                dirtyCount = 0;
                commands += pending;
                pending = 0;
                check(p.syncAndReturnAll());
                progress.update(ticks + orders + trades, config.events());
            }
        }
        pending += flushQuotes(p, quoteKeys, quote, dirty, isDirty, dirtyCount);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("schema", DatasetFileWriter.SCHEMA);
        meta.put("seed", Long.toString(config.seed()));
        meta.put("symbols", Integer.toString(config.symbols()));
        meta.put("events", Long.toString(config.events()));
        meta.put("maxlen", Long.toString(maxLen));
        p.hset(prefix + "meta", meta);
        commands += pending + 1;
        check(p.syncAndReturnAll());
        p.close();
        progress.update(ticks + orders + trades, config.events());
        return new DatasetSummary(ticks + orders + trades, ticks, orders, trades, commands, System.nanoTime() - start);
    }

    /** HSETs the latest quote of each symbol touched since the last flush, in first-touch order. */
    private static int flushQuotes(Pipeline p, String[] quoteKeys, long[][] quote, int[] dirty, boolean[] isDirty,
                                   int dirtyCount) {
        for (int i = 0; i < dirtyCount; i++) {
            int s = dirty[i];
            Map<String, String> f = new LinkedHashMap<>(12);
            for (int k = 0; k < QUOTE_FIELDS.length; k++) {
                f.put(QUOTE_FIELDS[k], Long.toString(quote[s][k]));
            }
            p.hset(quoteKeys[s], f);
            isDirty[s] = false;
        }
        return dirtyCount;
    }

    /** SYM0042 -> 41: names are generated from ranks, so parsing is cheaper than a lookup table. */
    private static int rankIndex(String symbol) {
        return Integer.parseInt(symbol, 3, symbol.length(), 10) - 1;
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
