package dev.tailgate.bench.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes commands as RESP arrays of bulk strings, the form every Redis accepts. Benchmarks
 * encode once in setup and write the same bytes on every call, so encoding is not timed.
 */
public final class RespCommands {
    /** {@code *1\r\n$4\r\nPING\r\n}: 14 bytes, the payload TcpPingPong's "14" matches. */
    public static final byte[] PING = encode("PING");

    private RespCommands() {
    }

    public static byte[] encode(String... args) {
        byte[][] raw = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            raw[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return encode(raw);
    }

    public static byte[] encode(byte[]... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, "*" + args.length + "\r\n");
        for (byte[] a : args) {
            ascii(out, "$" + a.length + "\r\n");
            out.writeBytes(a);
            ascii(out, "\r\n");
        }
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
