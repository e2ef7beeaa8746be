package dev.tailgate.cli;

import dev.tailgate.bench.trading.GeneratorConfig;
import dev.tailgate.dataset.DatasetFileWriter;
import dev.tailgate.dataset.DatasetLoader;
import dev.tailgate.dataset.DatasetProgress;
import dev.tailgate.dataset.DatasetRedis;
import dev.tailgate.dataset.DatasetSummary;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.UsageException;
import dev.tailgate.redis.Credentials;
import dev.tailgate.redis.RedisTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.Jedis;

/** {@code tailgate dataset}: deterministic synthetic market data into Redis or a JSON Lines file. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Generate deterministic synthetic market data (ticks, orders, trades) and load it into",
            "Redis with pipelining, or write it to a JSON Lines file for replay. Same seed, same bytes.",
            "Schemas: docs/dataset.md."})
public final class DatasetCommand implements Callable<Integer> {

    @Option(names = "--symbols", required = true, description = "Number of symbols (SYM0001...), >= 1.")
    int symbols;

    @Option(names = "--events", required = true, description = "Number of events, >= 1.")
    long events;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Mixin
    TargetOptions target = new TargetOptions();

    @Option(names = "--out", description = "Write JSON Lines to this file instead.")
    Path out;

    @Option(names = "--prefix", defaultValue = "tailgate:dataset:",
            description = "Key prefix; no other key is touched (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--maxlen", defaultValue = "100000",
            description = "Approximate cap per stream, XADD MAXLEN ~ N (default: ${DEFAULT-VALUE}).")
    long maxLen;

    @Option(names = "--progress", description = "Draw the progress bar even when stderr is not a terminal.")
    boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if ((target.target == null) == (out == null)) {
            throw new UsageException("dataset: give exactly one of --target URL or --out FILE, got "
                    + (target.target == null ? "neither" : "both"));
        }
        if (symbols < 1) {
            throw new BadInputException("--symbols " + symbols + ": expected >= 1");
        }
        if (events < 1) {
            throw new BadInputException("--events " + events + ": expected >= 1");
        }
        GeneratorConfig config = GeneratorConfig.of(symbols, events, seed);
        DatasetSummary summary;
        String where;
        try (ConsoleProgress bar = ConsoleProgress.forDataset(spec.commandLine().getErr(),
                progress || ConsoleProgress.stderrIsTerminal())) {
            if (out != null) {
                summary = writeFile(config, bar);
                where = out.toString();
            } else {
                RedisTarget t = target.requireTarget("dataset");
                Credentials creds = target.credentials();
                try (Jedis jedis = DatasetRedis.connect(t, creds)) {
                    summary = new DatasetLoader(jedis, prefix, maxLen, DatasetLoader.DEFAULT_BATCH_COMMANDS)
                            .load(config, bar);
                } finally {
                    creds.clear();
                }
                where = t.url() + " prefix " + prefix;
            }
        }
        spec.commandLine().getOut().println(summary.line(where));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    private DatasetSummary writeFile(GeneratorConfig config, DatasetProgress p) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new BadInputException("--out " + out + ": directory " + parent + " does not exist");
        }
        AtomicReference<DatasetSummary> summary = new AtomicReference<>();
        try {
            JsonFiles.write(out, os -> summary.set(DatasetFileWriter.write(config, os, p)));
            return summary.get();
        } catch (java.nio.file.AccessDeniedException e) {
            throw new BadInputException("--out " + out + ": permission denied", e);
        }
    }
}
