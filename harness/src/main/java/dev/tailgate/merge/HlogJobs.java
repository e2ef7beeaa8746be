package dev.tailgate.merge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The merge's {@code .hlog} files as a queue of independent jobs, one per log name: each job
 * reads that name's log from every shard that has it and writes one merged file of that name,
 * so the output depends only on the inputs, never on which thread took a job or in what order
 * the jobs finished. The log thread starts on it at once; the thread that merges jmh.json (one
 * sequential job, about as long as all the logs together) joins in when it is done, so neither
 * thread waits idle while the other still has logs to add.
 */
final class HlogJobs {
    /** One log name's merge: the shards' logs of that name in shard order, and the comment to write. */
    record Job(List<Path> logs, Path out, String comment) {
        Job {
            logs = List.copyOf(logs);
        }
    }

    private final List<Job> jobs;
    private final AtomicInteger next = new AtomicInteger();

    HlogJobs(List<Job> jobs) {
        this.jobs = List.copyOf(jobs);
    }

    /** Takes and runs jobs until none is left or {@link #stop()}; a failing job stops the others too. */
    void drain() throws IOException {
        int i;
        while ((i = next.getAndIncrement()) < jobs.size()) {
            Job j = jobs.get(i);
            try {
                HlogMerger.merge(j.logs(), j.out(), j.comment());
            } catch (IOException | RuntimeException e) {
                stop();
                throw e;
            }
        }
    }

    /** No job is started after this; one under way finishes. */
    void stop() {
        next.set(jobs.size());
    }
}
