package dev.tailgate.bench.load;

import java.util.Arrays;

/**
 * A reusable buffer RESP commands are encoded into, so that a batch of any mix goes out in one
 * write without allocating per call: it grows while the first batches are encoded (warm-up) and
 * then keeps its size.
 */
final class RespBuffer {
    private byte[] buf = new byte[4096];
    private int length;

    void reset() {
        length = 0;
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return length;
    }

    /** {@code *n\r\n}: the start of a command of n arguments. */
    void array(int n) {
        ensure(16);
        buf[length++] = '*';
        number(n);
    }

    /** One bulk string argument: {@code $len\r\n} + bytes + {@code \r\n}. */
    void bulk(byte[] arg) {
        ensure(arg.length + 16);
        buf[length++] = '$';
        number(arg.length);
        System.arraycopy(arg, 0, buf, length, arg.length);
        length += arg.length;
        buf[length++] = '\r';
        buf[length++] = '\n';
    }

    private void number(int n) {
        int start = length;
        do {
            buf[length++] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        buf[length++] = '\r';
        buf[length++] = '\n';
    }

    private void ensure(int extra) {
        if (length + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + extra));
        }
    }
}
