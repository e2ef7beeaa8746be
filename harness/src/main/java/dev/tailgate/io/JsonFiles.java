package dev.tailgate.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one Jackson setup and the one way tailgate writes a file.
 *
 * <p>Every file is written atomically and durably ({@link #write(Path, Content)}): after a crash
 * or a failed serialiser the target holds its old content or the new, whole, never a mix, and
 * no temp file is left behind. The append-only ledger log is the one exception: it appends and
 * fsyncs under a lock of its own.
 *
 * <p>The mappers are built on first use, each in a holder of its own: picocli builds every
 * command at start-up, and loading Jackson there would cost every short-lived command CPU.
 */
public final class JsonFiles {
    /** Serialises a file's content; may throw midway, which leaves the target untouched. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /*
     * Requested, then narrowed by the umask as for any new file: Files.createTempFile alone
     * would leave the result owner-only while the rest of a run directory is not.
     */
    private static final FileAttribute<Set<PosixFilePermission>> DEFAULT_PERMISSIONS =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-"));

    private JsonFiles() {
    }

    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * The JSON mapper of every tailgate file: ISO-8601 instants, {@code Optional} as its value
     * or null, indented. NaN is written as the string "NaN" (Jackson's default, as JMH does);
     * readers that accept it back, or tolerate unknown fields, say so on their own ObjectReader.
     */
    public static ObjectMapper json() {
        return Json.MAPPER;
    }

    /**
     * The YAML mapper of threshold files. A duplicate key is an error (the second value would
     * silently win otherwise); written YAML has no {@code ---} and quotes only where needed, so
     * that {@code thresholds show} prints what a user would write.
     */
    public static ObjectMapper yaml() {
        return Yaml.MAPPER;
    }

    /**
     * The canonical JSON a hash is taken of, as a builder so that the caller can add the mix-ins
     * of its own types. It differs from {@link #json()} because the bytes must be one function of
     * the value: keys sorted, no indentation, only ASCII (no encoding choice can alter a hash),
     * and a strict reader (trailing tokens, duplicate keys and missing primitives are errors).
     */
    public static JsonMapper.Builder canonicalBuilder() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // Records only have creator properties; keep them in plain alphabetical order too.
                .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** {@code value} as {@link #json()} writes it, without a final newline. */
    public static void writeJson(Path target, Object value) throws IOException {
        write(target, out -> json().writeValue(out, value));
    }

    /** {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes to a temp file of its own in the target's directory (concurrent writers never share
     * one), forces it to disk, renames it over the target and syncs the directory, so that the
     * rename survives a power loss too. The directory must exist.
     */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = createTemp(dir, target.getFileName().toString());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch));
                content.writeTo(new KeepOpen(out));
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        String prefix = "." + name + ".";
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, prefix, ".tmp", DEFAULT_PERMISSIONS);
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    /**
     * Makes the rename durable. Skipped only where the platform cannot do it: Windows cannot open
     * a directory as a file (its file systems journal the rename), a non-default file system may
     * not offer channels, and a Linux file system without directory fsync answers EINVAL. Any
     * other failure is an I/O error the caller must hear of.
     */
    static void syncDirectory(Path dir) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (UnsupportedOperationException e) {
            // not the default file system: nothing to sync
        } catch (IOException e) {
            if (!"Invalid argument".equals(e.getMessage())) {
                throw e;
            }
        }
    }

    /** A serialiser (Jackson's above all) closes the stream it is given; the channel must stay open to be forced. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
