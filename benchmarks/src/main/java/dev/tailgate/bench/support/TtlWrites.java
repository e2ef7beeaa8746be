package dev.tailgate.bench.support;

import io.lettuce.core.SetArgs;
import redis.clients.jedis.params.SetParams;

/**
 * The SET options that keep a keyspace's TTL ({@code PX ttl}, or none without a TTL, so the
 * command is a plain {@code SET key value}) for Jedis and for Lettuce. A plain SET drops a key's
 * TTL, so a SET benchmark must send these; built once per trial, nothing is allocated per call.
 * Do not modify them.
 *
 * @param jedis   Jedis's {@code SetParams}
 * @param lettuce Lettuce's {@code SetArgs}
 */
public record TtlWrites(SetParams jedis, SetArgs lettuce) {
    /** The options for keys that live {@code ttlMillis} (0 = no TTL). */
    public static TtlWrites of(long ttlMillis) {
        return ttlMillis > 0 ? new TtlWrites(SetParams.setParams().px(ttlMillis), SetArgs.Builder.px(ttlMillis))
                : new TtlWrites(SetParams.setParams(), new SetArgs());
    }
}
