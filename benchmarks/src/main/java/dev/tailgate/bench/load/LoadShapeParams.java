package dev.tailgate.bench.load;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The load-shape {@code @Param}s that the closed-loop mix ({@link MixState}) and the fixed-rate
 * mix ({@code openloop.RawRespFixedRateMixBenchmark}) share: strings, so a malformed value fails
 * with one line naming the parameter rather than JMH's conversion error. The defaults are one
 * connection, one command at a time, 10 GETs per SET of 64 bytes over 1000 uniformly drawn keys.
 * JMH inherits the fields; subclasses carry their own {@code @State}.
 */
@State(Scope.Thread)
public abstract class LoadShapeParams {
    @Param({"GET:10,SET:1"})
    public String mix;
    @Param({"uniform"})
    public String keys;
    @Param({"1000"})
    public String keyspace;
    @Param({"64"})
    public String values;
    @Param({"1"})
    public String pipeline;
    @Param({"1"})
    public String connections;

    /** The load shape the params ask for; a malformed one fails with one line naming param and value. */
    public LoadShape shape() {
        return LoadShape.parse(mix, keys, keyspace, values, pipeline, connections);
    }
}
