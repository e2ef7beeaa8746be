package dev.tailgate.bench.support;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import redis.clients.jedis.Jedis;

/** {@link ClientState} on one Jedis connection, no keys (PING). */
@State(Scope.Thread)
public class JedisClient extends ClientState<Jedis> {
    @Override
    protected ClientTrial.Kind<Jedis> kind() {
        return ClientTrial.Kind.JEDIS;
    }
}
