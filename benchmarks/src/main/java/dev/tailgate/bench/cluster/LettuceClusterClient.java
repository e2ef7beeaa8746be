package dev.tailgate.bench.cluster;

import dev.tailgate.bench.support.BenchConfig;
import dev.tailgate.bench.support.BenchId;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link ClusterClientState} on one Lettuce cluster connection (see {@link LettuceClusterConnection}). */
@State(Scope.Thread)
public class LettuceClusterClient extends ClusterClientState<LettuceClusterConnection> {
    @Override
    protected LettuceClusterConnection connect(BenchConfig cfg, ClusterSeeds seeds, BenchId id) {
        return LettuceClusterConnection.open(cfg, seeds, id);
    }
}
