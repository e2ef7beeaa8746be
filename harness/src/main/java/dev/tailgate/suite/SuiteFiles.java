package dev.tailgate.suite;

import dev.tailgate.model.BadInputException;
import dev.tailgate.model.UsageException;
import dev.tailgate.run.Suite;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and reads suite files (docs/suites.md). {@code --suite} takes a file (a path ending in
 * .yaml or .yml, or containing '/') or a name, looked up as {@code NAME.yaml} in, first match
 * wins: the {@code --suites-dir} directory, {@code ./suites}, then the suites bundled in the jar
 * (copies of the checkout's suites/ at build time), so {@code java -jar tailgate.jar} run from
 * anywhere still knows smoke, nightly and tails.
 */
public final class SuiteFiles {
    /** Largest suite file accepted: the shipped ones are under 2 KB; YAML parsing cost grows faster than the size. */
    static final int MAX_BYTES = 64 * 1024;
    private static final String BUNDLED = "suites";
    /** A file every build bundles: its directory is the bundled suites' directory. */
    private static final String ANCHOR = BUNDLED + "/smoke.yaml";

    private SuiteFiles() {
    }

    /** One suite found by {@link #list}. */
    public record Listed(String name, String description, String source) {
    }

    /** The suite {@code ref} names, parsed; not yet checked against the benchmark list ({@link SuiteCheck}). */
    public static Suite load(String ref, Optional<Path> suitesDir) {
        if (ref.endsWith(".yaml") || ref.endsWith(".yml") || ref.contains("/")) {
            Path p;
            try {
                p = Path.of(ref);
            } catch (InvalidPathException e) {
                throw new BadInputException("--suite " + ref + ": not a file path (" + e.getReason() + ")");
            }
            if (!Files.isRegularFile(p)) {
                throw new BadInputException("--suite " + ref + ": no such file");
            }
            return read(p, p.toString());
        }
        if (!SuiteParser.NAME.matcher(ref).matches()) {
            // a usage message is not escaped as bad input is: an argument with a line break must stay one line
            throw new UsageException("--suite " + ref.replace("\r", "\\r").replace("\n", "\\n")
                    + ": not a suite name (letters, digits, '-', '_', '.') nor a .yaml file");
        }
        for (Path dir : directories(suitesDir)) {
            Path p = dir.resolve(ref + ".yaml");
            if (Files.isRegularFile(p)) {
                return read(p, bundledDir().filter(dir::equals).isPresent() ? "bundled:" + BUNDLED + "/" + ref + ".yaml" : p.toString());
            }
        }
        throw new UsageException("--suite " + ref + ": unknown suite, expected one of "
                + String.join("|", names(suitesDir)) + " or a .yaml file");
    }

    /** Every suite a name finds, in lookup order; a name found twice is listed where it is found first. */
    public static List<Listed> list(Optional<Path> suitesDir) {
        List<Listed> found = new ArrayList<>();
        for (String name : names(suitesDir)) {
            Suite suite = load(name, suitesDir);
            found.add(new Listed(name, suite.description(), suite.source()));
        }
        return found;
    }

    /** The names a suite file answers to, in lookup order, without reading the files. */
    private static List<String> names(Optional<Path> suitesDir) {
        Set<String> names = new LinkedHashSet<>();
        for (Path dir : directories(suitesDir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".yaml")).map(SuiteFiles::stem)
                        .filter(n -> SuiteParser.NAME.matcher(n).matches()).sorted().forEach(names::add);
            } catch (IOException e) {
                throw new BadInputException(dir + ": cannot list: " + e.getMessage(), e);
            }
        }
        return List.copyOf(names);
    }

    /** The suite file's bytes, within {@link #MAX_BYTES}, parsed. */
    static Suite read(Path p, String origin) {
        return SuiteParser.parse(stem(p), p, origin, bytes(p, origin));
    }

    static byte[] bytes(Path p, String origin) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                throw new BadInputException(origin + ": larger than the " + MAX_BYTES + "-byte limit for a suite file");
            }
            return b;
        } catch (IOException e) {
            throw new BadInputException(origin + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String stem(Path p) {
        return p.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    private static List<Path> directories(Optional<Path> suitesDir) {
        List<Path> dirs = new ArrayList<>();
        suitesDir.ifPresent(d -> {
            if (!Files.isDirectory(d)) {
                throw new BadInputException("--suites-dir " + d + ": no such directory");
            }
            dirs.add(d);
        });
        Path here = Path.of(BUNDLED);
        if (Files.isDirectory(here)) {
            dirs.add(here);
        }
        bundledDir().ifPresent(dirs::add);
        return dirs;
    }

    /** The jar's suites/ directory (a zip file system), or the build's classes/suites when not run from a jar. */
    static Optional<Path> bundledDir() {
        URL url = SuiteFiles.class.getClassLoader().getResource(ANCHOR);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened by an earlier lookup: Path.of(uri) below finds it
                }
            }
            return Optional.of(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the bundled " + ANCHOR + ": " + e.getMessage(), e);
        }
    }
}
