package dev.tailgate.history.index;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailgate.history.HistoryRun;
import dev.tailgate.history.SeriesKey;
import dev.tailgate.history.SeriesPoint;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The history index, {@code results/.history/index.db}: runs and their statistics in SQLite, for
 * queries over a year of nightlies. Only a cache: the run directories are the source of truth,
 * {@link IndexSync} checks the index against them on every use, and an index that cannot be read
 * or is of another schema is deleted and rebuilt, never trusted.
 */
public final class HistoryIndex implements AutoCloseable {
    public static final String DIR = ".history";
    public static final String FILE = "index.db";
    /** Bumped with any change of the tables below: an index of another schema is rebuilt. */
    static final String SCHEMA = "1";
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private final Path file;
    final Connection db;

    private HistoryIndex(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** The index of {@code results}, created if absent, recreated if unreadable or of another schema. */
    public static HistoryIndex open(Path results, boolean recreate) {
        Path dir = results.resolve(DIR);
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            if (recreate) {
                delete(file);
            }
            HistoryIndex index = connect(file);
            if (index.schemaOk()) {
                return index;
            }
            index.close();
            delete(file);
            index = connect(file);
            index.create();
            return index;
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot create the history index: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot open the history index: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    private static HistoryIndex connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            // two history commands at once wait for each other rather than fail
            s.execute("PRAGMA busy_timeout = 30000");
        }
        return new HistoryIndex(file, c);
    }

    private static void delete(Path file) throws IOException {
        for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    /** False for an empty file, another schema, or bytes that are not SQLite. */
    private boolean schemaOk() {
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
            return r.next() && SCHEMA.equals(r.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    private void create() throws SQLException {
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, hash TEXT NOT NULL,"
                    + " sources TEXT NOT NULL, started_at INTEGER NOT NULL, status TEXT NOT NULL, injection TEXT,"
                    + " identity TEXT NOT NULL)");
            s.execute("CREATE TABLE series (id INTEGER PRIMARY KEY, benchmark TEXT NOT NULL, params TEXT NOT NULL,"
                    + " mode TEXT NOT NULL, statistic TEXT NOT NULL, unit TEXT NOT NULL,"
                    + " UNIQUE (benchmark, params, mode, statistic))");
            // clustered by series: a history query reads each series' points in one range
            s.execute("CREATE TABLE points (series INTEGER NOT NULL, run INTEGER NOT NULL, value REAL NOT NULL,"
                    + " low REAL, high REAL, samples INTEGER NOT NULL, PRIMARY KEY (series, run)) WITHOUT ROWID");
            s.execute("CREATE INDEX points_run ON points (run)");
            s.execute("INSERT INTO meta VALUES ('schema', '" + SCHEMA + "')");
        }
        db.commit();
    }

    /** Every indexed run by name, with the summary hash and sources it was indexed from. */
    Map<String, Indexed> indexed() throws SQLException {
        Map<String, Indexed> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT id, name, hash, sources FROM runs")) {
            while (r.next()) {
                out.put(r.getString(2), new Indexed(r.getLong(1), r.getString(3), r.getString(4)));
            }
        }
        return out;
    }

    record Indexed(long id, String hash, String sources) {
    }

    /** The indexed runs, oldest first. */
    public List<HistoryRun> runs() {
        List<HistoryRun> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT name, started_at, status, injection, identity FROM runs"
                     + " ORDER BY started_at, name")) {
            while (r.next()) {
                SortedMap<String, String> identity = JsonFiles.json().readValue(r.getString(5), MAP);
                out.add(new HistoryRun(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                        r.getString(4), identity));
            }
        } catch (SQLException | IOException e) {
            throw new BadInputException(file + ": cannot read runs: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The points of every series {@code wanted} takes, of the runs in {@code runs} (by name),
     * each series in run order: one query over the points, filtered by series id.
     */
    public Map<SeriesKey, List<SeriesPoint>> points(Predicate<SeriesKey> wanted, Map<String, HistoryRun> runs) {
        Map<Long, SeriesKey> series = new LinkedHashMap<>();
        Map<Long, String> runNames = new LinkedHashMap<>();
        int all = 0;
        try (Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT id, benchmark, params, mode, statistic, unit FROM series"
                    + " ORDER BY benchmark, params, mode, statistic")) {
                while (r.next()) {
                    SeriesKey k = new SeriesKey(r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6));
                    all++;
                    if (wanted.test(k)) {
                        series.put(r.getLong(1), k);
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT id, name FROM runs")) {
                while (r.next()) {
                    runNames.put(r.getLong(1), r.getString(2));
                }
            }
            return points(s, series, series.size() == all, runNames, runs);
        } catch (SQLException e) {
            throw new BadInputException(file + ": cannot read points: " + e.getMessage(), e);
        }
    }

    private static Map<SeriesKey, List<SeriesPoint>> points(Statement s, Map<Long, SeriesKey> series, boolean all,
            Map<Long, String> runNames, Map<String, HistoryRun> runs) throws SQLException {
        Map<SeriesKey, List<SeriesPoint>> out = new LinkedHashMap<>();
        series.values().forEach(k -> out.put(k, new ArrayList<>()));
        if (series.isEmpty()) {
            return out;
        }
        // in primary-key order (series, run): no sort in SQLite; run order is restored per series below
        String ids = series.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
        try (ResultSet r = s.executeQuery("SELECT series, run, value, low, high, samples FROM points"
                + (all ? "" : " WHERE series IN (" + ids + ")"))) {
            while (r.next()) {
                HistoryRun run = runs.get(runNames.get(r.getLong(2)));
                if (run != null) {
                    out.get(series.get(r.getLong(1))).add(new SeriesPoint(run, r.getDouble(3), nullable(r, 4),
                            nullable(r, 5), r.getLong(6)));
                }
            }
        }
        Comparator<SeriesPoint> order = Comparator.comparing((SeriesPoint p) -> p.run().startedAt())
                .thenComparing(p -> p.run().name());
        out.values().forEach(l -> l.sort(order));
        return out;
    }

    private static Double nullable(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }

    /** Runs {@code work} in one transaction: a sync that fails half-way leaves the index as it was. */
    void transaction(SqlWork work) throws SQLException {
        db.setAutoCommit(false);
        try {
            work.run(db);
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    interface SqlWork {
        void run(Connection db) throws SQLException;
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // nothing was pending: every write commits in its own transaction
        }
    }
}
