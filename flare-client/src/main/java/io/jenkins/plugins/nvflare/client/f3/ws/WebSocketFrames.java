package io.jenkins.plugins.nvflare.client.f3.ws;

import io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.ProtocolException;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import okio.BufferedSource;

/**
 * RFC 6455 frames as a client writes and reads them, without extensions. Client frames must be masked with a
 * fresh random key; the payload is masked eight bytes at a time (OkHttp's own writer masks byte by byte, which made
 * masking most of the CPU time of an upload) into a buffer of {@link FrameChannel#TLS_WRITE} bytes that goes to the
 * TLS socket in one write, the frame header in the first: one TLS record per write, without okio's copy into its
 * segments and its write-timeout bookkeeping per 64 KiB.
 */
final class WebSocketFrames {
    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;
    static final int CHUNK = FrameChannel.TLS_WRITE;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[4];
    private final byte[] scratch = new byte[CHUNK];

    /** One received frame. */
    record Frame(boolean fin, int opcode, byte[] payload) {}

    /** @param out where frames go, unbuffered: each write is a whole buffer (flushed after every frame) */
    WebSocketFrames(OutputStream out) {
        this.out = out;
    }

    /** Writes one whole (FIN) frame; several threads may write (a pong while a request goes out). */
    synchronized void write(int opcode, byte[] payload) throws IOException {
        int length = payload.length;
        int h = 0;
        scratch[h++] = (byte) (0x80 | opcode);
        if (length < 126) {
            scratch[h++] = (byte) (0x80 | length);
        } else if (length <= 0xffff) {
            scratch[h++] = (byte) (0x80 | 126);
            scratch[h++] = (byte) (length >>> 8);
            scratch[h++] = (byte) length;
        } else {
            scratch[h++] = (byte) (0x80 | 127);
            LONGS.set(scratch, h, (long) length);
            h += 8;
        }
        random.nextBytes(key);
        System.arraycopy(key, 0, scratch, h, 4);
        h += 4;
        long mask = pattern(key);
        int done = 0;
        int start = h; // the first buffer carries the header, the later ones only payload
        do {
            int n = Math.min(CHUNK - start, length - done);
            System.arraycopy(payload, done, scratch, start, n);
            // payload byte i takes key byte i % 4: rotate the pattern to where this piece starts
            mask(scratch, start, n, Long.rotateLeft(mask, 8 * (done & 3)));
            out.write(scratch, 0, start + n);
            done += n;
            start = 0;
        } while (done < length);
        out.flush();
    }

    /**
     * Reads the next frame.
     *
     * @param maxPayload the largest payload accepted
     * @throws ProtocolException a frame no server without extensions sends
     */
    static Frame read(BufferedSource source, long maxPayload) throws IOException {
        int b0 = source.readByte() & 0xff;
        int b1 = source.readByte() & 0xff;
        if ((b0 & 0x70) != 0) {
            throw new ProtocolException("websocket frame with reserved bits set; no extension was negotiated");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            length = source.readShort() & 0xffffL;
        } else if (length == 127) {
            length = source.readLong();
        }
        if (length < 0 || length > maxPayload) {
            throw new SfmFrameException("websocket message of " + Long.toUnsignedString(length)
                    + " bytes exceeds the limit of " + maxPayload);
        }
        byte[] maskKey = (b1 & 0x80) != 0 ? source.readByteArray(4) : null;
        byte[] payload = source.readByteArray(length);
        if (maskKey != null) {
            mask(payload, 0, payload.length, pattern(maskKey)); // servers do not mask, but unmasking is harmless
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
    }

    /** The four key bytes twice, as one big-endian long. */
    private static long pattern(byte[] key) {
        long k = ((key[0] & 0xffL) << 24) | ((key[1] & 0xffL) << 16) | ((key[2] & 0xffL) << 8) | (key[3] & 0xffL);
        return (k << 32) | k;
    }

    /**
     * XORs {@code b[off..off+n)} with {@code pattern} (eight key bytes, {@link #pattern}), byte {@code off + i} with
     * pattern byte {@code i % 8}.
     */
    static void mask(byte[] b, int off, int n, long pattern) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            LONGS.set(b, off + i, (long) LONGS.get(b, off + i) ^ pattern);
        }
        for (; i < n; i++) {
            b[off + i] ^= (byte) (pattern >>> (56 - 8 * (i & 7)));
        }
    }
}
