package dev.tailgate.bench.support;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link ClientState} on one Lettuce connection, no keys (PING). */
@State(Scope.Thread)
public class LettuceClient extends ClientState<LettuceConnection> {
    @Override
    protected ClientTrial.Kind<LettuceConnection> kind() {
        return ClientTrial.Kind.LETTUCE;
    }
}
