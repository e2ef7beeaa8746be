package dev.tailgate.bench.load;

import dev.tailgate.bench.openloop.HlogOutput;
import dev.tailgate.bench.openloop.LatencyRecorders;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One benchmark thread's latencies of one iteration, in nanoseconds: every command in the mix's
 * histogram (tag {@value #MIX_TAG}) and in its own command's (tag = the command name, e.g.
 * {@code GET}). Every command is recorded, not a sample of them, so the per-command counts add
 * up exactly to the mix's. Same resolution as the open-loop recorders (1 ns to 60 s, 3
 * significant digits); one writer thread, so plain histograms, reset between iterations.
 *
 * <p>The mix's tag is {@code response} because the harness judges a benchmark's percentiles on
 * that tag of its {@code .hlog} (docs/thresholds.md); in a closed loop a command's intended start
 * is when its call began, so response time and service time are the same number here.
 */
final class CommandHistograms {
    static final String MIX_TAG = HlogOutput.RESPONSE;

    private final List<LoadCommand> commands;
    private final Histogram mix = LatencyRecorders.newHistogram();
    private final Histogram[] perCommand;

    CommandHistograms(List<LoadCommand> commands) {
        this.commands = List.copyOf(commands);
        this.perCommand = new Histogram[commands.size()];
        for (int i = 0; i < perCommand.length; i++) {
            perCommand[i] = LatencyRecorders.newHistogram();
        }
    }

    /** Records one command (index into the mix) that took {@code nanos}. */
    void record(int command, long nanos) {
        long v = nanos < 0 ? 0 : Math.min(nanos, LatencyRecorders.HIGHEST_NANOS);
        mix.recordValue(v);
        perCommand[command].recordValue(v);
    }

    /** Starts an interval: drops what was recorded before (warm-up, the previous iteration). */
    void begin(long epochMillis) {
        mix.reset();
        mix.setStartTimeStamp(epochMillis);
        for (Histogram h : perCommand) {
            h.reset();
            h.setStartTimeStamp(epochMillis);
        }
    }

    void end(long epochMillis) {
        mix.setEndTimeStamp(epochMillis);
        for (Histogram h : perCommand) {
            h.setEndTimeStamp(epochMillis);
        }
    }

    /** Appends this interval: the mix, then each command of the mix (even one never drawn). */
    void writeTo(HlogOutput log) {
        synchronized (log) {
            log.write(MIX_TAG, mix);
            for (int i = 0; i < perCommand.length; i++) {
                log.write(commands.get(i).name(), perCommand[i]);
            }
        }
    }

    Histogram mix() {
        return mix;
    }

    Histogram command(int i) {
        return perCommand[i];
    }
}
