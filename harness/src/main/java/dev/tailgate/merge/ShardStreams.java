package dev.tailgate.merge;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.tailgate.ingest.HistogramBuilder;
import dev.tailgate.ingest.JsonSource;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.run.JmhJsonMerger;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streams the shards' {@code jmh.json} files through {@link ShardJsonMerger} one result at a
 * time, so the merge holds one result per shard in memory rather than every shard's whole file
 * (a nightly shard's file runs to tens of megabytes of sample histograms). Shards of one
 * distributed run ran the same benchmarks with the same JMH settings, so JMH wrote their results
 * in the same order: they are read in lockstep. Should they not line up (a shard that stopped
 * early), the rest of every file is read and matched by (benchmark, mode, params) instead.
 *
 * <p>The files are read by the fast parser of the JSON JMH writes ({@link JsonSource#fast}),
 * whose pair loop takes the sample histograms, most of the bytes, several times faster than
 * Jackson's tokenizer. Should it decline any shard's file (JSON outside what JMH writes), the
 * merged file is written again from the start with Jackson reading every file, which accepts it
 * or names the line and column where it is wrong: the output is the same either way.
 */
final class ShardStreams {
    private ShardStreams() {
    }

    /** Writes the merged results of {@code files} to {@code target} (atomically, as {@link JsonFiles#write}). */
    static void write(List<Path> files, Path target) throws IOException {
        try {
            JsonFiles.write(target, out -> merge(files, out, true));
        } catch (IOException e) {
            if (!JsonSource.declined(e)) {
                throw e;
            }
            JsonFiles.write(target, out -> merge(files, out, false));
        }
    }

    /** One shard's file being read; {@code source} is null once its results are all read. */
    private static final class Shard {
        private final Path file;
        private JsonSource source;

        Shard(Path file, JsonSource source) {
            this.file = file;
            this.source = source;
        }
    }

    static void merge(List<Path> files, OutputStream sink, boolean fast) throws IOException {
        List<Shard> shards = new ArrayList<>();
        try (JsonGenerator g = JsonFiles.json().getFactory().createGenerator(sink)) {
            // compact: the merged file is read by machines, and indenting a nightly's histograms doubles its size
            g.setPrettyPrinter(new MinimalPrettyPrinter());
            for (Path f : files) {
                shards.add(open(f, fast));
            }
            g.writeStartArray();
            while (true) {
                List<ShardResult> row = new ArrayList<>();
                for (Shard s : shards) {
                    next(s).ifPresent(row::add);
                }
                if (row.isEmpty()) {
                    break;
                }
                if (row.size() == shards.size() && sameKey(row)) {
                    g.writeTree(ShardJsonMerger.mergeResult(row));
                } else {
                    rest(row, shards).values().forEach(parts -> write(g, parts));
                    break;
                }
            }
            g.writeEndArray();
        } finally {
            for (Shard s : shards) {
                close(s);
            }
        }
    }

    private static void write(JsonGenerator g, List<ShardResult> parts) {
        try {
            g.writeTree(ShardJsonMerger.mergeResult(parts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean sameKey(List<ShardResult> row) {
        String key = JmhJsonMerger.key(row.get(0).result());
        return row.stream().allMatch(r -> JmhJsonMerger.key(r.result()).equals(key));
    }

    /** {@code row} and everything left in every file, grouped by result key in first-seen order. */
    private static Map<String, List<ShardResult>> rest(List<ShardResult> row, List<Shard> shards) throws IOException {
        Map<String, List<ShardResult>> byKey = new LinkedHashMap<>();
        row.forEach(r -> byKey.computeIfAbsent(JmhJsonMerger.key(r.result()), k -> new ArrayList<>()).add(r));
        for (Shard s : shards) {
            Optional<ShardResult> r;
            while ((r = next(s)).isPresent()) {
                byKey.computeIfAbsent(JmhJsonMerger.key(r.get().result()), k -> new ArrayList<>()).add(r.get());
            }
        }
        return byKey;
    }

    private static Shard open(Path file, boolean fast) throws IOException {
        JsonSource source;
        if (fast) {
            source = JsonSource.fast(Files.newInputStream(file));
        } else {
            JsonParser p = JsonFiles.json().getFactory().createParser(file.toFile());
            // as the JMH reader does: most of a shard's bytes are sample values
            p.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
            source = JsonSource.of(p);
        }
        Shard s = new Shard(file, source);
        if (source.nextToken() != JsonToken.START_ARRAY) {
            close(s);
            throw new BadInputException(file + ": expected a JSON array of JMH results");
        }
        return s;
    }

    private static void close(Shard s) throws IOException {
        if (s.source != null) {
            s.source.close();
            s.source = null;
        }
    }

    /** The next result of a shard's file, or empty at its end. */
    private static Optional<ShardResult> next(Shard s) throws IOException {
        if (s.source == null) {
            return Optional.empty();
        }
        JsonToken t = s.source.nextToken();
        if (t == JsonToken.END_ARRAY) {
            close(s);
            return Optional.empty();
        }
        if (t != JsonToken.START_OBJECT) {
            throw new BadInputException(s.file + ": expected a JMH result object, found " + t);
        }
        return Optional.of(ShardResult.read(s.source, new HistogramBuilder()));
    }
}
