package dev.tailgate.bench.cluster;

/**
 * A cluster client that counts the redirections (MOVED and ASK replies) it followed. A client
 * whose slot map matches the cluster's follows none: every call goes to the key's owner. A
 * count that keeps growing means the slots are moving under the benchmark, and every
 * redirected call is a second round trip in the measured latency ({@link RedirectRecord}).
 */
public interface Redirected {
    /** Redirections followed since the client was opened. */
    long redirections();
}
