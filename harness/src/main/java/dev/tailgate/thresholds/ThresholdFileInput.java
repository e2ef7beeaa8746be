package dev.tailgate.thresholds;

import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a threshold file within stated limits before any YAML parsing: the YAML parser's
 * time and memory grow faster than linearly with a line's length (a line of megabytes takes
 * the parser tens of seconds to reject), so size and line length are checked first, in one linear pass, and the parser only
 * ever sees a small file. The shipped files are under 4 KB with lines under 200 characters;
 * the limits are documented in docs/thresholds.md.
 */
final class ThresholdFileInput {
    /** Largest threshold file accepted, in bytes. */
    static final int MAX_BYTES = 1024 * 1024;
    /** Longest line accepted, in characters. */
    static final int MAX_LINE_CHARS = 4096;

    private ThresholdFileInput() {
    }

    /** The file's text, or one bad-input line naming the file and the limit it breaks. */
    static String read(Path path) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            // read one byte past the limit: enough to know it is too big, never the whole file
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read: " + e, e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new BadInputException(path + ": larger than the " + MAX_BYTES
                    + "-byte limit for a threshold file (docs/thresholds.md)");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new BadInputException(path + ": line " + line + " is " + (i - start)
                            + " characters long, over the " + MAX_LINE_CHARS + "-character limit (docs/thresholds.md)");
                }
                line++;
                start = i + 1;
            }
        }
        return text;
    }
}
