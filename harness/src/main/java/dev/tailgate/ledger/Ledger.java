package dev.tailgate.ledger;

import dev.tailgate.model.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append-only, hash-chained decision ledger ({@code results/ledger.jsonl}).
 *
 * <p>Concurrency: writers in different processes serialise on an exclusive {@link FileLock} on
 * the ledger file itself (an OS advisory lock; all tailgate processes take it), and re-read the
 * tail under it, so two writers never chain onto the same entry. Threads of one JVM also take
 * {@link #IN_PROCESS} first, because a JVM may hold only one lock per file. Each entry is
 * written as one full line with one positional write at the end of the file, then forced to
 * disk ({@code force(true)}) before the lock is released; if the write fails the file is cut
 * back to its previous size. A crash in the middle of the write leaves a torn last line;
 * {@link #append} refuses to chain onto it (see docs/ledger.md, "Torn last line").
 */
public final class Ledger {

    /** One lock for all ledgers in this JVM: appends are rare, simplicity wins. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final int TAIL_WINDOW = 64 * 1024;

    private final Path file;

    private Ledger(Path file) {
        this.file = file;
    }

    /** A ledger at {@code file}; the file is created by the first append. */
    public static Ledger open(Path file) {
        return new Ledger(file);
    }

    public Path file() {
        return file;
    }

    /**
     * Appends {@code draft} as the next entry and returns it as written.
     *
     * @throws BadInputException if the last line is torn or is not an intact entry
     */
    public LedgerEntry append(LedgerEntryDraft draft) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        IN_PROCESS.lock();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            long size = ch.size();
            CanonicalLine.ChainFields last = size == 0 ? null : readLast(ch, size);
            LedgerEntry entry = last == null
                    ? LedgerCodec.seal(1, LedgerEntry.GENESIS_HASH, draft)
                    : LedgerCodec.seal(last.seq() + 1, last.hash(), draft);
            byte[] json = LedgerCodec.canonicalLine(entry);
            ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n');
            line.flip();
            try {
                long pos = size;
                while (line.hasRemaining()) {
                    pos += ch.write(line, pos);
                }
                ch.force(true);
            } catch (IOException e) {
                ch.truncate(size);
                throw e;
            }
            if (size == 0) {
                forceDirectory(parent);
            }
            return entry;
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /**
     * Checks the whole chain; see {@link LedgerVerifier}. The file is read in segments
     * ({@link LedgerScan}) under a shared lock, so a ledger of any size needs only a few MB.
     */
    public VerifyReport verify() throws IOException {
        IN_PROCESS.lock();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                FileLock lock = ch.lock(0, Long.MAX_VALUE, true)) {
            long size = ch.size();
            LedgerScan.Result scan = LedgerScan.scan(
                    (pos, dst, off, len) -> ch.read(ByteBuffer.wrap(dst, off, len), pos), size,
                    LedgerScan.SEGMENT_BYTES, file.toString());
            return LedgerVerifier.verify(scan, size);
        } catch (NoSuchFileException e) {
            throw noLedger();
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /**
     * Every entry in file order, without checking hashes (that is {@link #verify()}'s job). A
     * torn last line is skipped and reported in the snapshot.
     *
     * @throws BadInputException if a complete line is not an entry
     */
    public Snapshot read() throws IOException {
        LedgerLines lines = LedgerLines.split(readAll());
        List<LedgerEntry> entries = new ArrayList<>(lines.count());
        for (int i = 0; i < lines.count(); i++) {
            try {
                entries.add(LedgerCodec.parse(lines.content(), lines.start(i), lines.length(i)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file + ": line " + (i + 1)
                        + ": not a ledger entry: " + e.getMessage()
                        + " (run tailgate ledger verify)");
            }
        }
        return new Snapshot(entries,
                lines.hasTornTail() ? OptionalInt.of(lines.tornLineNumber()) : OptionalInt.empty());
    }

    /**
     * Entries read by {@link #read()}.
     *
     * @param tornLine line number of a torn last line that was skipped, if any
     */
    public record Snapshot(List<LedgerEntry> entries, OptionalInt tornLine) {
        public Snapshot {
            entries = List.copyOf(entries);
        }
    }

    private byte[] readAll() throws IOException {
        IN_PROCESS.lock();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
                FileLock lock = ch.lock(0, Long.MAX_VALUE, true)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new BadInputException(file + ": " + size
                        + " bytes: larger than the 2 GB a ledger may have; split it");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
                // read until full: the shared lock keeps writers out, so size cannot change
            }
            return buf.array();
        } catch (NoSuchFileException e) {
            throw noLedger();
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private BadInputException noLedger() {
        return new BadInputException(file + ": no ledger here (it is created by the first"
                + " gate or compare decision; pass --ledger FILE for another one)");
    }

    /**
     * The chain fields of the last entry, which must be a complete, intact entry: chaining onto a
     * torn or edited entry would hide the damage behind a valid-looking hash. A sealed canonical
     * line is recognised from its bytes ({@link CanonicalLine}, as {@code ledger verify} does): a
     * gate of thousands of results writes entries of megabytes, and parsing and re-serializing
     * the previous one would be most of a cold append. Anything else takes the full parse, which names what is wrong.
     */
    private CanonicalLine.ChainFields readLast(FileChannel ch, long size) throws IOException {
        int window = (int) Math.min(size, TAIL_WINDOW);
        while (true) {
            ByteBuffer buf = ByteBuffer.allocate(window);
            long from = size - window;
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) >= 0) {
                // positional reads until the window is full
            }
            byte[] b = buf.array();
            if (b[window - 1] != '\n') {
                throw new BadInputException(file + ": line " + lineNumberAt(ch, size)
                        + " is torn (no newline at the end: an append did not finish);"
                        + " refusing to append after it. Run tailgate ledger verify and see"
                        + " docs/ledger.md, \"Torn last line\"");
            }
            int start = window - 2;
            while (start >= 0 && b[start] != '\n') {
                start--;
            }
            if (start < 0 && from > 0) {
                window = (int) Math.min(size, (long) window * 2);
                continue;
            }
            int off = start + 1;
            CanonicalLine.ChainFields sealed = new CanonicalLine(b, window - 1, LedgerCodec.sha256())
                    .read(off, window - 1 - off);
            if (sealed != null) {
                return sealed;
            }
            LedgerEntry last;
            try {
                last = LedgerCodec.parse(b, off, window - 1 - off);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file + ": line " + lineNumberAt(ch, size - 1)
                        + " (the last entry) is not a ledger entry: " + e.getMessage()
                        + "; refusing to append after it (run tailgate ledger verify)");
            }
            if (!LedgerCodec.contentHash(last).equals(last.hash())) {
                throw new BadInputException(file + ": line " + lineNumberAt(ch, size - 1)
                        + " (seq " + last.seq() + ", the last entry) does not hash to its"
                        + " recorded hash; refusing to append after it (run tailgate ledger"
                        + " verify)");
            }
            return new CanonicalLine.ChainFields(last.seq(), last.prevHash(), last.hash());
        }
    }

    /** 1-based number of the line containing byte {@code offset - 1}; error paths only. */
    private static long lineNumberAt(FileChannel ch, long end) throws IOException {
        long newlines = 0;
        ByteBuffer buf = ByteBuffer.allocate(TAIL_WINDOW);
        long pos = 0;
        while (pos < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
            int read = ch.read(buf, pos);
            if (read < 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                if (buf.get(i) == '\n') {
                    newlines++;
                }
            }
            pos += read;
        }
        return newlines + 1;
    }

    /**
     * Makes the new file's directory entry durable too; without it a crash right after the first
     * append can lose the whole file on some file systems. Directories cannot be opened on every
     * platform; there the file's own fsync is all we can do.
     */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here (e.g. Windows): the file itself was forced above.
        }
    }
}
