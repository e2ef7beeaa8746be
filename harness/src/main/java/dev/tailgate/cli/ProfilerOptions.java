package dev.tailgate.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --prof} of {@code run} and {@code ab}: JMH profilers for the forks. Not in
 * {@link JmhOptions}: {@code calibrate} measures what an unprofiled A/B resolves.
 */
public final class ProfilerOptions {
    @Option(names = "--prof", paramLabel = "NAME[:OPTIONS]",
            description = {"Attach a JMH profiler to every fork (JMH's -prof), repeatable: gc, stack, jfr, async (async-profiler; "
                + "`doctor` says whether it is available), perfnorm, ...; options as JMH takes them, e.g. async:event=alloc.",
                "Output goes to profiles/<benchmark>/ of the run directory; a profiled run compares only with runs under "
                    + "the same profilers."})
    List<String> profilers = new ArrayList<>();

    public List<String> profilers() {
        return List.copyOf(profilers);
    }
}
