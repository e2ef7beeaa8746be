package dev.tailgate.redis;

/**
 * Child-JVM probe for the orphan tests: starts an embedded Redis, prints its pid, then either
 * waits forever (to be killed) or throws (to prove failure paths stop Redis).
 */
public final class LauncherProbeMain {
    public static void main(String[] args) throws Exception {
        EmbeddedRedis redis = TestRedis.start("stock");
        System.out.println("pid " + redis.pid());
        System.out.flush();
        if (args.length > 0 && args[0].equals("fail")) {
            try (redis) {
                throw new IllegalStateException("simulated failure after start");
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
