package dev.tailgate.history.index;

import dev.tailgate.history.SeriesKey;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.store.RunDir;
import dev.tailgate.store.RunStore;
import dev.tailgate.summary.Summaries;
import dev.tailgate.summary.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings the index in line with the run directories: a run directory not in the index, or whose
 * summary hash or source files (size, modification time) differ from what was indexed, is
 * summarised and indexed again; an indexed run whose directory is gone is removed. All in one
 * transaction with prepared, batched statements, so a rebuild of a year of nightlies is one
 * commit, not hundreds of thousands.
 */
public final class IndexSync {
    /** What a sync did. */
    public record Report(int runs, int indexed, int removed) {
    }

    private record Pending(RunDir dir, Summaries.Loaded loaded, String sources) {
    }

    private IndexSync() {
    }

    public static Report sync(HistoryIndex index, Path results) {
        List<RunDir> runs;
        try {
            runs = new RunStore(results).listRuns();
        } catch (IOException e) {
            throw new BadInputException(results + ": cannot list run directories: " + e.getMessage(), e);
        }
        try {
            Map<String, HistoryIndex.Indexed> indexed = index.indexed();
            // hashing a year of summaries is most of a warm sync: one run per task
            List<RunDir> stale = runs.parallelStream().filter(d -> {
                HistoryIndex.Indexed i = indexed.get(d.id());
                return i == null || !i.sources().equals(sources(d.dir())) || !i.hash().equals(summaryHash(d.dir()));
            }).toList();
            runs.forEach(d -> indexed.remove(d.id()));
            // independent per run, and parsing JMH results or summaries is most of a rebuild
            List<Pending> pending = stale.parallelStream()
                    .map(d -> new Pending(d, Summaries.load(d.dir()), sources(d.dir()))).toList();
            List<String> gone = List.copyOf(indexed.keySet());
            if (!pending.isEmpty() || !gone.isEmpty()) {
                index.transaction(db -> write(db, pending, gone));
            }
            return new Report(runs.size(), pending.size(), gone.size());
        } catch (SQLException e) {
            throw new BadInputException(index.file() + ": cannot update the history index: " + e.getMessage()
                    + " (tailgate history --rebuild recreates it)", e);
        }
    }

    private static String sources(Path dir) {
        try {
            return JsonFiles.json().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(Summaries.sources(dir));
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings serialises", e);
        }
    }

    /** SHA-256 of summary.json as it is on disk; empty when there is none. */
    private static String summaryHash(Path dir) {
        Path f = dir.resolve(Summary.FILE);
        try {
            return Files.isRegularFile(f) ? Summaries.sha256(Files.readAllBytes(f)) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Connection db, List<Pending> pending, List<String> gone) throws SQLException {
        List<String> delete = new ArrayList<>(gone);
        pending.forEach(p -> delete.add(p.dir().id()));
        try (PreparedStatement points = db.prepareStatement(
                "DELETE FROM points WHERE run = (SELECT id FROM runs WHERE name = ?)");
             PreparedStatement run = db.prepareStatement("DELETE FROM runs WHERE name = ?")) {
            for (String name : delete) {
                points.setString(1, name);
                points.addBatch();
                run.setString(1, name);
                run.addBatch();
            }
            points.executeBatch();
            run.executeBatch();
        }
        Map<SeriesKey, Long> series = series(db);
        try (PreparedStatement runs = db.prepareStatement("INSERT INTO runs (name, hash, sources, started_at, status,"
                + " injection, identity) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
             PreparedStatement newSeries = db.prepareStatement("INSERT INTO series (benchmark, params, mode, statistic,"
                     + " unit) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
             PreparedStatement points = db.prepareStatement("INSERT OR REPLACE INTO points (series, run, value, low,"
                     + " high, samples) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Pending p : pending) {
                long runId = insertRun(runs, p);
                for (Summary.Result r : p.loaded().summary().results()) {
                    for (Summary.Stat st : r.statistics()) {
                        SeriesKey k = new SeriesKey(r.benchmark(), params(r), r.mode(), st.statistic(), st.unit());
                        Long id = series.get(k);
                        if (id == null) {
                            id = insertSeries(newSeries, k);
                            series.put(k, id);
                        }
                        addPoint(points, id, runId, st, r.samples());
                    }
                }
            }
            points.executeBatch();
        }
    }

    private static long insertRun(PreparedStatement runs, Pending p) throws SQLException {
        Summary s = p.loaded().summary();
        runs.setString(1, p.dir().id());
        runs.setString(2, p.loaded().hash());
        runs.setString(3, p.sources());
        runs.setLong(4, p.dir().startedAt().toEpochMilli());
        runs.setString(5, s.status());
        runs.setString(6, s.injection());
        try {
            runs.setString(7, JsonFiles.json().writeValueAsString(s.identity()));
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings serialises", e);
        }
        runs.executeUpdate();
        return generated(runs);
    }

    private static long insertSeries(PreparedStatement st, SeriesKey k) throws SQLException {
        st.setString(1, k.benchmark());
        st.setString(2, k.params());
        st.setString(3, k.mode());
        st.setString(4, k.statistic());
        st.setString(5, k.unit());
        st.executeUpdate();
        return generated(st);
    }

    private static void addPoint(PreparedStatement points, long series, long run, Summary.Stat st, long samples)
            throws SQLException {
        points.setLong(1, series);
        points.setLong(2, run);
        points.setDouble(3, st.value());
        setNullable(points, 4, st.low());
        setNullable(points, 5, st.high());
        points.setLong(6, samples);
        points.addBatch();
    }

    private static void setNullable(PreparedStatement st, int i, Double v) throws SQLException {
        if (v == null) {
            st.setNull(i, java.sql.Types.REAL);
        } else {
            st.setDouble(i, v);
        }
    }

    private static long generated(PreparedStatement st) throws SQLException {
        try (ResultSet keys = st.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key");
            }
            return keys.getLong(1);
        }
    }

    private static Map<SeriesKey, Long> series(Connection db) throws SQLException {
        Map<SeriesKey, Long> out = new HashMap<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT id, benchmark, params, mode, statistic, unit FROM series")) {
            while (r.next()) {
                out.put(new SeriesKey(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6)),
                        r.getLong(1));
            }
        }
        return out;
    }

    static String params(Summary.Result r) {
        StringBuilder b = new StringBuilder();
        r.params().forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
