package dev.tailgate.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tailgate.ingest.InjectionMark;
import dev.tailgate.io.JsonFiles;
import dev.tailgate.model.BadInputException;
import dev.tailgate.model.Injection;
import dev.tailgate.model.UsageException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The results directory: run directories directly under it, promoted baselines under
 * {@code baselines/}, and the ledger beside them. Knows which directories are runs, so that
 * {@code prune} cannot delete anything else, and turns a RUN argument into a run.
 *
 * <p>Manifest contract read here: top-level {@code "startedAt"} (ISO-8601 instant) and
 * {@code "status"} ({@code "COMPLETE"}, {@code "RUNNING"} or {@code "ABORTED"}, compared ignoring case), and the
 * optional {@code "injection"} (an injected run is never a baseline); other fields are ignored.
 */
public final class RunStore {

    public static final String JMH_JSON = "jmh.json";
    public static final String MANIFEST_JSON = "manifest.json";
    public static final String BASELINES = "baselines";
    public static final String BASELINE_JSON = "baseline.json";
    /** Never deleted by prune, wherever it sits. */
    static final String LEDGER_FILE = "ledger.jsonl";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path resultsDir;

    public RunStore(Path resultsDir) {
        this.resultsDir = resultsDir;
    }

    public Path resultsDir() {
        return resultsDir;
    }

    public Path baselinesDir() {
        return resultsDir.resolve(BASELINES);
    }

    /**
     * The directory run {@code id} would get, refused if it exists: a quick answer before a run
     * probes its target. Not a claim: another run may take the name before {@link #claim}.
     */
    public Path requireFree(String id) {
        Path dir = resultsDir.resolve(id);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(taken(dir));
        }
        return dir;
    }

    /**
     * Creates run {@code id}'s directory, or refuses if anything has that name. One mkdir
     * decides: of two runs given the same --run-id at the same instant, both find the name free,
     * and only the one whose mkdir succeeds may write there; the other must not touch it.
     */
    public Path claim(String id) throws IOException {
        try {
            Files.createDirectories(resultsDir);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException("--results " + resultsDir + ": not a directory");
        }
        Path dir = resultsDir.resolve(id);
        try {
            return Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException(taken(dir));
        }
    }

    /** Deletes a directory this process claimed and could not use (its embedded server did not start). */
    public void unclaim(Path dir) {
        try {
            Trees.delete(dir);
        } catch (IOException ignored) {
            // an empty, manifest-less directory left behind is still not a complete run
        }
    }

    private static String taken(Path dir) {
        return "results directory " + dir + " already exists: choose another --run-id";
    }

    /** True for a real (not symlinked) directory holding manifest.json or jmh.json. */
    public static boolean isRunDirectory(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && (Files.isRegularFile(dir.resolve(MANIFEST_JSON))
                        || Files.isRegularFile(dir.resolve(JMH_JSON)));
    }

    /**
     * Run directories directly under the results directory, oldest first. {@code baselines/},
     * symlinks, files (the ledger, README) and directories without a run's files are not runs.
     */
    public List<RunDir> listRuns() throws IOException {
        if (!Files.isDirectory(resultsDir)) {
            throw new BadInputException(resultsDir + ": no results directory here (pass"
                    + " --results DIR)");
        }
        if (resultsDir.toAbsolutePath().normalize().endsWith(BASELINES)) {
            throw new BadInputException(resultsDir + ": this is a baselines directory; run"
                    + " directories live in the results directory above it");
        }
        List<RunDir> runs = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(resultsDir)) {
            for (Path child : children) {
                if (isRunDirectory(child) && !isProtected(child)) {
                    runs.add(describe(child));
                }
            }
        }
        runs.sort(RetentionPolicy.NEWEST_FIRST.reversed());
        return runs;
    }

    /** baselines/, a promoted baseline copied elsewhere, or a directory holding a ledger. */
    private static boolean isProtected(Path dir) {
        return dir.getFileName().toString().equals(BASELINES)
                || Files.exists(dir.resolve(BASELINE_JSON), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(dir.resolve(LEDGER_FILE), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Resolves a RUN argument: a path to a run directory or to a bare JMH JSON file, else the
     * name of a baseline under {@code results/baselines/}. A path that exists wins over a
     * baseline of the same name: the user typed something that is there.
     */
    public RunRef resolve(String arg) {
        Path p = Path.of(arg);
        if (Files.isDirectory(p)) {
            if (!isRunDirectory(p)) {
                throw new BadInputException(arg + ": not a run directory (expected "
                        + JMH_JSON + " or " + MANIFEST_JSON + " in it)");
            }
            return new RunRef(p, RunRef.Kind.RUN_DIRECTORY, Optional.empty());
        }
        if (Files.isRegularFile(p)) {
            return new RunRef(p, RunRef.Kind.JMH_FILE, Optional.empty());
        }
        if (NAME.matcher(arg).matches() && !arg.startsWith(".")) {
            Path b = baselinesDir().resolve(arg);
            if (isRunDirectory(b)) {
                return new RunRef(b, RunRef.Kind.BASELINE, Optional.of(arg));
            }
        }
        throw new BadInputException(arg + ": no such run directory or JMH JSON file, and no"
                + " baseline of that name in " + baselinesDir() + " (known: "
                + String.join(", ", baselineNames()) + ")");
    }

    /** Names of the directories under {@code baselines/}, sorted; none if it is absent. */
    public List<String> baselineNames() {
        Path dir = baselinesDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir,
                c -> isRunDirectory(c) && !c.getFileName().toString().startsWith("."))) {
            children.forEach(c -> names.add(c.getFileName().toString()));
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list baselines: " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    /** The baseline's record; an empty one for a directory put there by hand. */
    public Optional<Baseline> baseline(String name) {
        Path file = baselinesDir().resolve(name).resolve(BASELINE_JSON);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonFiles.json().readValue(file.toFile(), Baseline.class));
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(file + ": not a baseline record: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The run's manifest start time and status, for age and completeness, and its injected delay if any. */
    record ManifestSummary(Optional<Instant> startedAt, Optional<String> status, Optional<Injection> injection) {
    }

    /** Reads the manifest fields this class needs; {@code dir} must be a run directory. */
    static ManifestSummary readManifest(Path dir) {
        Path m = dir.resolve(MANIFEST_JSON);
        if (!Files.isRegularFile(m)) {
            return new ManifestSummary(Optional.empty(), Optional.empty(), Optional.empty());
        }
        JsonNode root;
        try {
            root = JsonFiles.json().readTree(m.toFile());
        } catch (JsonProcessingException e) {
            throw new BadInputException(m + ": not JSON: " + e.getOriginalMessage().lines()
                    .findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new BadInputException(m + ": unreadable: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(m + ": expected a JSON object");
        }
        JsonNode started = root.get("startedAt");
        Optional<Instant> startedAt = Optional.empty();
        if (started != null && !started.isNull()) {
            try {
                startedAt = Optional.of(Instant.parse(started.asText()));
            } catch (DateTimeParseException e) {
                throw new BadInputException(m + ": startedAt \"" + started.asText()
                        + "\": expected an ISO-8601 instant such as 2026-11-25T22:00:00Z");
            }
        }
        JsonNode status = root.get("status");
        return new ManifestSummary(startedAt, status == null || status.isNull()
                ? Optional.empty() : Optional.of(status.asText()), InjectionMark.of(m.toString(), root));
    }

    /**
     * Age from the manifest when it says; from the directory's mtime otherwise, including when
     * the manifest is unreadable (prune must still be able to clear out a broken run).
     */
    private static RunDir describe(Path dir) throws IOException {
        ManifestSummary manifest = new ManifestSummary(Optional.empty(), Optional.empty(), Optional.empty());
        try {
            manifest = readManifest(dir);
        } catch (BadInputException e) {
            // Fall through to the mtime: a broken manifest must not make a run immortal.
        }
        RunDir.Activity activity = activity(dir, manifest.status());
        if (manifest.startedAt().isPresent()) {
            return new RunDir(dir, manifest.startedAt().get(), RunDir.AgeSource.MANIFEST, activity);
        }
        return new RunDir(dir, Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS)
                .toInstant(), RunDir.AgeSource.MTIME, activity);
    }

    /** A live writer in run.lock means in progress; else RUNNING in the manifest means its process died. */
    private static RunDir.Activity activity(Path dir, Optional<String> status) {
        if (RunLock.read(dir).map(RunLock::alive).orElse(false)) {
            return RunDir.Activity.RUNNING_LIVE;
        }
        return status.map(s -> s.equalsIgnoreCase("RUNNING")).orElse(false)
                ? RunDir.Activity.RUNNING_GONE : RunDir.Activity.FINISHED;
    }

    /**
     * Copies a complete run to {@code baselines/NAME} and records where it came from. The copy
     * is built under a temporary name and renamed into place, so a failed promote never leaves a
     * half-copied baseline that later compares would trust.
     *
     * @throws BadInputException if the run was aborted, had an injected delay or has no jmh.json
     * @throws UsageException    if the name is invalid, or taken and {@code force} is false
     */
    public Baseline promote(String runArg, String name, boolean force, Instant now)
            throws IOException {
        requireBaselineName(name);
        RunRef source = resolve(runArg);
        Path target = baselinesDir().resolve(name);
        Optional<Instant> takenAt = source.kind() == RunRef.Kind.JMH_FILE ? Optional.empty()
                : requirePromotable(runArg, name, source, target);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new UsageException("baseline " + name + " exists (" + target
                    + "); pass --force to replace it");
        }
        Files.createDirectories(baselinesDir());
        Baseline record = new Baseline(name, now, source.path().getFileName().toString(),
                takenAt.orElse(null));
        install(source, record, target);
        return record;
    }

    /** Refuses a run directory that may not become baseline {@code name}; returns when it was taken. */
    private Optional<Instant> requirePromotable(String runArg, String name, RunRef source, Path target)
            throws IOException {
        ManifestSummary manifest = readManifest(source.path());
        // Only a run whose manifest says COMPLETE may become a baseline: ABORTED, and
        // RUNNING (a crashed or still-running run), are both refused.
        Optional<String> status = manifest.status();
        if (status.isPresent() && !status.get().equalsIgnoreCase("complete")) {
            throw new BadInputException(runArg + ": " + MANIFEST_JSON + " says status \""
                    + status.get() + "\": only a complete run can be a baseline");
        }
        if (manifest.injection().isPresent()) {
            throw new BadInputException(runArg + ": " + InjectionMark.reason(manifest.injection().get())
                    + ": it can never be a baseline");
        }
        if (!Files.isRegularFile(source.jmhJson())) {
            throw new BadInputException(runArg + ": no " + JMH_JSON
                    + " in it: nothing a baseline could be compared on");
        }
        if (Files.exists(target) && Files.isSameFile(source.path(), target)) {
            throw new UsageException(runArg + " already is baseline " + name);
        }
        return manifest.startedAt();
    }

    /**
     * Copies {@code source} with its baseline.json under a temporary name and renames it to
     * {@code target}; an old baseline there is moved aside first and put back if the rename fails.
     */
    private void install(RunRef source, Baseline record, Path target) throws IOException {
        String unique = "." + record.name() + "." + Long.toHexString(System.nanoTime());
        Path staging = baselinesDir().resolve(unique + ".new");
        Path old = baselinesDir().resolve(unique + ".old");
        boolean replacing = false;
        try {
            if (source.kind() == RunRef.Kind.JMH_FILE) {
                Files.createDirectories(staging);
                Files.copy(source.path(), staging.resolve(JMH_JSON));
            } else {
                Trees.copy(source.path(), staging);
            }
            JsonFiles.writeJson(staging.resolve(BASELINE_JSON), record);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(target, old);
                replacing = true;
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (replacing) {
                    Files.move(old, target);
                }
                throw e;
            }
        } finally {
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                Trees.delete(staging);
            }
        }
        if (replacing) {
            Trees.delete(old);
        }
    }

    /**
     * Deletes one run directory, after checking again that it is one: directly under the
     * results directory, not {@code baselines/}, not a promoted baseline copied elsewhere, not
     * holding a ledger. These checks repeat what {@link #listRuns} did on purpose: deletion is
     * the one operation here that cannot be undone.
     */
    public void delete(RunDir run) throws IOException {
        Path dir = run.dir();
        String why = null;
        if (!isRunDirectory(dir)) {
            why = "not a run directory";
        } else if (!Files.isSameFile(dir.getParent(), resultsDir)) {
            why = "not directly under " + resultsDir;
        } else if (isProtected(dir)) {
            why = "a baseline, or it holds a ledger";
        }
        if (why != null) {
            throw new IllegalStateException("refusing to delete " + dir + ": " + why);
        }
        Trees.delete(dir);
    }

    /** Checks a baseline name: {@code [A-Za-z0-9._-]+}, not starting with a dot. */
    public static String requireBaselineName(String name) {
        // No leading '.': hidden names are kept for promote's staging directories.
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new UsageException("baseline name \"" + name + "\": expected letters,"
                    + " digits, '.', '_' or '-' only, not starting with '.'");
        }
        return name;
    }
}
