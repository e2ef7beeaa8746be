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
 *
 * <p>The fixed-rate mix ({@code openloop.RawRespFixedRateMixBenchmark}) keeps its mix in the
 * open-loop recorders (response, service, slip) and writes only the per-command tags from here
 * ({@link #writeCommandsTo}), each command's response time from its intended start.
 */
public final class CommandHistograms {
    static final String MIX_TAG = HlogOutput.RESPONSE;

    private final List<LoadCommand> commands;
    private final Histogram mix = LatencyRecorders.newHistogram();
    private final Histogram[] perCommand;

    public CommandHistograms(List<LoadCommand> commands) {
        this.commands = List.copyOf(commands);
        this.perCommand = new Histogram[commands.size()];
        for (int i = 0; i < perCommand.length; i++) {
            perCommand[i] = LatencyRecorders.newHistogram();
        }
    }

    /** Records one command (index into the mix) that took {@code nanos}. */
    public void record(int command, long nanos) {
        long v = nanos < 0 ? 0 : Math.min(nanos, LatencyRecorders.HIGHEST_NANOS);
        mix.recordValue(v);
        perCommand[command].recordValue(v);
    }

    /** Starts an interval: drops what was recorded before (warm-up, the previous iteration). */
    public void begin(long epochMillis) {
        mix.reset();
        mix.setStartTimeStamp(epochMillis);
        for (Histogram h : perCommand) {
            h.reset();
            h.setStartTimeStamp(epochMillis);
        }
    }

    public void end(long epochMillis) {
        mix.setEndTimeStamp(epochMillis);
        for (Histogram h : perCommand) {
            h.setEndTimeStamp(epochMillis);
        }
    }

    /** Appends this interval: the mix, then each command of the mix (even one never drawn). */
    void writeTo(HlogOutput log) {
        synchronized (log) {
            log.write(MIX_TAG, mix);
            writeCommandsTo(log);
        }
    }

    /** Appends this interval's per-command histograms only, tagged with the command names, in the mix's order. */
    public void writeCommandsTo(HlogOutput log) {
        synchronized (log) {
            for (int i = 0; i < perCommand.length; i++) {
                log.write(commands.get(i).name(), perCommand[i]);
            }
        }
    }

    /** Every command recorded this interval. */
    public Histogram mix() {
        return mix;
    }

    /** Command {@code i} of the mix, this interval. */
    public Histogram command(int i) {
        return perCommand[i];
    }
}
