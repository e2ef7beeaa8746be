package dev.tailgate.bench.openloop;

/**
 * The time source of the open-loop engine. Production uses {@link #SYSTEM} ({@link System#nanoTime()},
 * monotonic, the only clock fit for intervals); tests inject a fake clock so a 50 ms stall can be
 * simulated exactly and instantly.
 */
@FunctionalInterface
public interface NanoClock {
    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
