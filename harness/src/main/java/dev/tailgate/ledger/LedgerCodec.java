package dev.tailgate.ledger;

import com.fasterxml.jackson.annotation.JsonFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.impl.SimpleBeanPropertyFilter;
import com.fasterxml.jackson.databind.ser.impl.SimpleFilterProvider;
import dev.tailgate.io.JsonFiles;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Canonical JSON of ledger entries and the hash over it. The canonical form is defined in
 * docs/ledger.md: UTF-8 (in fact pure ASCII), object members sorted by name, no insignificant
 * whitespace, non-ASCII characters escaped as {@code \\uXXXX}, time as ISO-8601 UTC. The hash
 * must be reproducible by anyone with a JSON library and sha256sum, so the form is pinned by a
 * golden test and never depends on the JVM's locale or default charset.
 */
public final class LedgerCodec {

    private static final String FILTER = "ledgerEntry";

    /** Attaches the filter that can leave {@code hash} out, without annotating the record. */
    @JsonFilter(FILTER)
    private interface EntryFilterMixin {
    }

    private static final JsonMapper MAPPER = JsonFiles.canonicalBuilder()
            .addMixIn(LedgerEntry.class, EntryFilterMixin.class)
            .build();

    private static final ObjectWriter FULL = MAPPER.writer(new SimpleFilterProvider()
            .addFilter(FILTER, SimpleBeanPropertyFilter.serializeAll()));
    private static final ObjectWriter BODY = MAPPER.writer(new SimpleFilterProvider()
            .addFilter(FILTER, SimpleBeanPropertyFilter.serializeAllExcept("hash")));
    private static final ObjectReader READER = MAPPER.readerFor(LedgerEntry.class);

    private LedgerCodec() {
    }

    /** Gives a draft its place in the chain: seq, the previous hash, and its own hash. */
    public static LedgerEntry seal(long seq, String prevHash, LedgerEntryDraft d) {
        LedgerEntry unsealed = withHash(seq, prevHash, d, LedgerEntry.GENESIS_HASH);
        return withHash(seq, prevHash, d, contentHash(unsealed));
    }

    /** The canonical JSON of the whole entry, without a line terminator. */
    public static byte[] canonicalLine(LedgerEntry e) {
        return write(FULL, e);
    }

    /** SHA-256 (lower-case hex) over the canonical JSON of {@code e} without its hash member. */
    public static String contentHash(LedgerEntry e) {
        return sha256Hex(write(BODY, e), 0, -1);
    }

    /**
     * The content hash (lower-case hex) of a line in canonical form, computed from its bytes
     * without re-serializing the entry: the line with its top-level member {@code
     * ,"hash":"<hash>"} cut out, hashed. Empty when that member is not where a canonical line
     * has it. {@code ledger verify}'s fast path, {@link CanonicalLine}, is built on the same
     * cut; when it yields the recorded hash, the line is byte for byte the sealed line.
     */
    static Optional<String> contentHashOfCanonicalLine(byte[] buf, int off, int len,
            String hash) {
        CanonicalLine line = new CanonicalLine(buf, off + len, sha256());
        if (!hash.equals(line.recordedHash(off, len))) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(line.contentHash(off, len)));
    }

    /**
     * Reads one line (without its terminator).
     *
     * @throws IllegalArgumentException with a one-line reason if the bytes are not an entry
     */
    public static LedgerEntry parse(byte[] buf, int off, int len) {
        try {
            return READER.readValue(buf, off, len);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException(cause.getMessage(), e);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown field \"" + e.getPropertyName() + "\"", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage().lines().findFirst()
                    .orElse("malformed JSON") + " at column "
                    + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            // the bytes are in memory: only undecodable text (Jackson's CharConversionException) gets here
            throw new IllegalArgumentException("not UTF-8 text: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    /** SHA-256 of {@code len} bytes from {@code off} ({@code len < 0}: to the end). */
    static String sha256Hex(byte[] bytes, int off, int len) {
        MessageDigest md = sha256();
        md.update(bytes, off, len < 0 ? bytes.length - off : len);
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static LedgerEntry withHash(long seq, String prevHash, LedgerEntryDraft d,
            String hash) {
        return new LedgerEntry(seq, d.time(), d.kind(), d.decision(), d.checks(), d.inputs(),
                d.suiteGitSha(), d.host(), d.user(), d.flags(), prevHash, hash);
    }

    private static byte[] write(ObjectWriter writer, LedgerEntry e) {
        try {
            return writer.writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialize ledger entry seq " + e.seq(), ex);
        }
    }
}
