package dev.tailgate.bench.support;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link ClientState} on a raw RESP2 socket, no keys (PING). */
@State(Scope.Thread)
public class RawRespClient extends ClientState<RawRespConnection> {
    @Override
    protected ClientTrial.Kind<RawRespConnection> kind() {
        return ClientTrial.Kind.RAW;
    }
}
