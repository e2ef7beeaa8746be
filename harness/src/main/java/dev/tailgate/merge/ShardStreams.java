package dev.tailgate.merge;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.run.JmhJsonMerger;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the shards' {@code jmh.json} files through {@link ShardJsonMerger} one result at a
 * time, so the merge holds one result per shard in memory rather than every shard's whole file
 * (a nightly shard's file runs to tens of megabytes of sample histograms). Shards of one
 * distributed run ran the same benchmarks with the same JMH settings, so JMH wrote their results
 * in the same order: they are read in lockstep. Should they not line up (a shard that stopped
 * early), the rest of every file is read and matched by (benchmark, mode, params) instead.
 */
final class ShardStreams {
    private ShardStreams() {
    }

    static void merge(List<Path> files, OutputStream sink) throws IOException {
        List<JsonParser> parsers = new ArrayList<>();
        try (JsonGenerator g = JsonFiles.json().getFactory().createGenerator(sink)) {
            // compact: the merged file is read by machines, and indenting a nightly's histograms doubles its size
            g.setPrettyPrinter(new com.fasterxml.jackson.core.util.MinimalPrettyPrinter());
            for (Path f : files) {
                parsers.add(open(f));
            }
            g.writeStartArray();
            while (true) {
                List<ShardResult> row = new ArrayList<>();
                for (int i = 0; i < parsers.size(); i++) {
                    next(parsers.get(i), files.get(i)).ifPresent(row::add);
                }
                if (row.isEmpty()) {
                    break;
                }
                if (row.size() == parsers.size() && sameKey(row)) {
                    g.writeTree(ShardJsonMerger.mergeResult(row));
                } else {
                    rest(row, parsers, files).values().forEach(parts -> write(g, parts));
                    break;
                }
            }
            g.writeEndArray();
        } finally {
            for (JsonParser p : parsers) {
                p.close();
            }
        }
    }

    private static void write(JsonGenerator g, List<ShardResult> parts) {
        try {
            g.writeTree(ShardJsonMerger.mergeResult(parts));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean sameKey(List<ShardResult> row) {
        String key = JmhJsonMerger.key(row.get(0).result());
        return row.stream().allMatch(r -> JmhJsonMerger.key(r.result()).equals(key));
    }

    /** {@code row} and everything left in every file, grouped by result key in first-seen order. */
    private static Map<String, List<ShardResult>> rest(List<ShardResult> row, List<JsonParser> parsers, List<Path> files)
            throws IOException {
        Map<String, List<ShardResult>> byKey = new LinkedHashMap<>();
        row.forEach(r -> byKey.computeIfAbsent(JmhJsonMerger.key(r.result()), k -> new ArrayList<>()).add(r));
        for (int i = 0; i < parsers.size(); i++) {
            java.util.Optional<ShardResult> r;
            while ((r = next(parsers.get(i), files.get(i))).isPresent()) {
                byKey.computeIfAbsent(JmhJsonMerger.key(r.get().result()), k -> new ArrayList<>()).add(r.get());
            }
        }
        return byKey;
    }

    private static JsonParser open(Path file) throws IOException {
        JsonParser p = JsonFiles.json().getFactory().createParser(file.toFile());
        // as the JMH reader does: most of a shard's bytes are sample values
        p.enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
        if (p.nextToken() != JsonToken.START_ARRAY) {
            p.close();
            throw new BadInputException(file + ": expected a JSON array of JMH results");
        }
        return p;
    }

    /** The next result of a file, or empty at its end. */
    private static java.util.Optional<ShardResult> next(JsonParser p, Path file) throws IOException {
        if (p.isClosed()) {
            return java.util.Optional.empty();
        }
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            p.close();
            return java.util.Optional.empty();
        }
        if (t != JsonToken.START_OBJECT) {
            throw new BadInputException(file + ": expected a JMH result object, found " + t);
        }
        return java.util.Optional.of(ShardResult.read(p, new dev.tailgate.ingest.HistogramBuilder()));
    }
}
