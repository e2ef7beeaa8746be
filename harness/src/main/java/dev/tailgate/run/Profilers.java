package dev.tailgate.run;

import dev.tailgate.model.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.profile.ProfilerFactory;
import org.openjdk.jmh.runner.options.ProfilerConfig;

/**
 * {@code --prof NAME[:OPTIONS]}: JMH's profilers, checked before anything starts and handed to
 * JMH with what tailgate adds. Profilers that write files ({@code async}, {@code jfr}) get an
 * output directory inside the run ({@link ProfileFiles} moves their files under
 * {@code profiles/<benchmark>/}); {@code async} gets async-profiler's library
 * ({@link AsyncProfilerLib}) and, unless told otherwise, a flame graph and collapsed stacks
 * beside its text summary.
 */
public final class Profilers {
    /** Profilers whose {@code dir=} option says where their files go. */
    static final List<String> WRITE_FILES = List.of("async", "jfr");
    private static final Pattern LISTED = Pattern.compile("^\\s+([\\w.$]+): (.*)$");

    /** One profiler: JMH's name and its option line ({@code opt=value;opt2=value}), possibly empty. */
    public record Spec(String name, String options) {
        public static Spec parse(String text) {
            int colon = text.indexOf(':');
            String name = (colon < 0 ? text : text.substring(0, colon)).strip();
            if (name.isEmpty()) {
                throw new UsageException("--prof " + text + ": expected NAME[:OPTIONS], e.g. gc or async:event=cpu");
            }
            return new Spec(name, colon < 0 ? "" : text.substring(colon + 1).strip());
        }

        boolean has(String option) {
            return Pattern.compile("(^|;)" + Pattern.quote(option) + "=").matcher(options).find();
        }

        Spec plus(String option, String value) {
            return has(option) ? this : new Spec(name, (options.isEmpty() ? "" : options + ";") + option + "=" + value);
        }
    }

    private Profilers() {
    }

    /**
     * Checks every {@code --prof}: a name JMH knows and can run here, options it accepts.
     *
     * @throws UsageException naming the profiler and, for an unknown one, those available here
     */
    public static void check(List<String> specs) {
        if (specs.isEmpty()) {
            return;
        }
        Map<String, String> unsupported = new LinkedHashMap<>();
        List<String> supported = catalogue(unsupported);
        AsyncProfilerLib async = AsyncProfilerLib.find(System.getenv());
        if (async.available()) {
            supported.add("async");
            unsupported.remove("async");
        }
        for (String text : specs) {
            Spec s = Spec.parse(text);
            if (unsupported.containsKey(s.name())) {
                throw new UsageException("--prof " + s.name() + ": not available on this host ("
                        + unsupported.get(s.name()) + ")" + (s.name().equals("async") ? "; " + AsyncProfilerLib.HINT : ""));
            }
            Spec jmh = forJmh(s, Path.of(System.getProperty("java.io.tmpdir")), async);
            try {
                ProfilerFactory.getProfilerOrException(new ProfilerConfig(jmh.name(), jmh.options()));
            } catch (ProfilerException e) {
                if (!supported.contains(s.name()) && e.getCause() instanceof ClassNotFoundException) {
                    throw new UsageException("--prof " + s.name() + ": unknown profiler; available here: "
                            + String.join(", ", supported));
                }
                throw new UsageException("--prof " + text + ": " + firstLine(e));
            }
        }
    }

    /**
     * What JMH gets for {@code s} in an invocation whose file output goes under {@code staging}:
     * the user's options first, so that theirs win, then the library and output defaults.
     */
    static Spec forJmh(Spec s, Path staging, AsyncProfilerLib async) {
        Spec out = s;
        if (WRITE_FILES.contains(s.name())) {
            out = out.plus("dir", staging.resolve(s.name()).toAbsolutePath().toString());
        }
        if (s.name().equals("async")) {
            out = out.plus("output", "text,collapsed,flamegraph");
            if (async.available()) {
                out = out.plus("libPath", async.library().toString());
            }
        }
        return out;
    }

    /** JMH's own list: the names it can run here, and those it cannot with why (into {@code unsupported}). */
    static List<String> catalogue(Map<String, String> unsupported) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProfilerFactory.listProfilers(new PrintStream(buf, true, StandardCharsets.UTF_8));
        return parseCatalogue(buf.toString(StandardCharsets.UTF_8), unsupported);
    }

    /** Parses JMH's profiler list ({@code -lprof}); pure. */
    static List<String> parseCatalogue(String listing, Map<String, String> unsupported) {
        List<String> supported = new ArrayList<>();
        boolean inUnsupported = false;
        Optional<String> last = Optional.empty();
        for (String line : listing.lines().toList()) {
            if (line.startsWith("Unsupported profilers")) {
                inUnsupported = true;
                continue;
            }
            Matcher m = LISTED.matcher(line);
            if (m.matches()) {
                last = Optional.of(m.group(1));
                if (inUnsupported) {
                    unsupported.put(m.group(1), "");
                } else {
                    supported.add(m.group(1));
                }
            } else if (inUnsupported && last.isPresent() && !line.isBlank() && unsupported.get(last.get()).isEmpty()) {
                unsupported.put(last.get(), line.strip().replaceAll("^\\[|]$", ""));
            }
        }
        return supported;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().lines().findFirst().orElse(m);
    }
}
