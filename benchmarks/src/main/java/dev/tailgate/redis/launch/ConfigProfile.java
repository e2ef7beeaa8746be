package dev.tailgate.redis.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A Redis config profile: a redis.conf-style file under {@code profiles/} ({@code stock},
 * {@code low-latency}, ...). Looked up as a file path, then {@code <tailgate.home>/profiles/NAME.conf},
 * then the copy bundled in the jar, so the jar also works outside a checkout.
 *
 * @param name       profile name ("low-latency") or the file name for a path
 * @param origin     where it was read from (path or "bundled:profiles/NAME.conf")
 * @param directives the directives in file order, comments dropped
 * @param text       the file as read, for hashing and the manifest
 */
public record ConfigProfile(String name, String origin, List<Directive> directives, String text) {

    /** One config line: {@code key} lower-cased, {@code value} the rest of the line as written. */
    public record Directive(String key, String value, int line) {
        public Directive {
            Objects.requireNonNull(key);
            Objects.requireNonNull(value);
        }

        public String render() {
            return key + " " + value;
        }
    }

    public ConfigProfile {
        directives = List.copyOf(directives);
    }

    public Optional<Directive> get(String key) {
        return directives.stream().filter(d -> d.key().equals(key)).reduce((a, b) -> b);
    }

    public static ConfigProfile load(String nameOrPath, Optional<Path> home) {
        Path asPath = Path.of(nameOrPath);
        if (nameOrPath.endsWith(".conf") || nameOrPath.contains("/")) {
            if (!Files.isRegularFile(asPath)) {
                throw new RedisLaunchException("--profile " + nameOrPath + ": no such file");
            }
            return read(asPath.getFileName().toString().replaceFirst("\\.conf$", ""), asPath);
        }
        if (!nameOrPath.matches("[A-Za-z0-9._-]+")) {
            throw new RedisLaunchException("--profile " + nameOrPath + ": not a profile name or .conf file");
        }
        if (home.isPresent()) {
            Path p = home.get().resolve("profiles").resolve(nameOrPath + ".conf");
            if (Files.isRegularFile(p)) {
                return read(nameOrPath, p);
            }
        }
        String res = "profiles/" + nameOrPath + ".conf";
        try (InputStream in = ConfigProfile.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) {
                throw new RedisLaunchException("--profile " + nameOrPath + ": unknown profile, expected one of "
                        + String.join("|", knownNames(home)) + " or a .conf file");
            }
            return parse(nameOrPath, "bundled:" + res, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled " + res, e);
        }
    }

    static List<String> knownNames(Optional<Path> home) {
        List<String> names = new ArrayList<>(List.of("stock", "low-latency"));
        home.map(h -> h.resolve("profiles")).filter(Files::isDirectory).ifPresent(dir -> {
            try (var s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
                        .map(n -> n.substring(0, n.length() - 5)).filter(n -> !names.contains(n)).sorted()
                        .forEach(names::add);
            } catch (IOException ignored) {
                // the bundled names are still a correct answer
            }
        });
        return names;
    }

    private static ConfigProfile read(String name, Path p) {
        try {
            return parse(name, p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RedisLaunchException(p + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static ConfigProfile parse(String name, String origin, String text) {
        List<Directive> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int sp = line.indexOf(' ');
            if (sp < 0) {
                // a lone CR inside a line is shown escaped: the error stays one line
                throw new RedisLaunchException(origin + ": line " + (i + 1) + ": \"" + line.replace("\r", "\\r")
                        + "\" has no value, expected \"key value\"");
            }
            String key = line.substring(0, sp).toLowerCase(Locale.ROOT);
            String value = line.substring(sp + 1).strip();
            int hash = value.indexOf(" #");
            if (hash >= 0) {
                value = value.substring(0, hash).strip();
            }
            out.add(new Directive(key, value, i + 1));
        }
        return new ConfigProfile(name, origin, out, text);
    }
}
