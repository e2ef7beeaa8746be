package dev.tailgate.bench.openloop;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Linux timer slack of the calling thread ({@code prctl(PR_SET_TIMERSLACK)}). A normal thread's
 * timed waits may fire up to 50 µs late so the kernel can batch wake-ups; for a pacer that parks
 * between sends those 50 µs are pure schedule slip. Lowering it to 1 ns makes
 * {@code parkNanos} wake within a few µs on an idle core, so a low-rate sender can park instead
 * of spin (the sampler's 2%-of-a-core budget depends on it). Best effort: on other systems, or
 * without JNA's native library, it reports false and nothing changes.
 */
public final class TimerSlack {
    private static final int PR_SET_TIMERSLACK = 29;

    private interface C extends Library {
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);
    }

    private TimerSlack() {
    }

    /** Sets the calling thread's timer slack; true if the kernel accepted it. */
    public static boolean setForCurrentThread(long nanos) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return false;
        }
        try {
            C c = Native.load("c", C.class);
            return c.prctl(PR_SET_TIMERSLACK, nanos, 0, 0, 0) == 0;
        } catch (Throwable t) {
            // UnsatisfiedLinkError / NoClassDefFoundError without JNA: keep the default slack
            return false;
        }
    }
}
