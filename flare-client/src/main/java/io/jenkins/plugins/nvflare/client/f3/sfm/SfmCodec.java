package io.jenkins.plugins.nvflare.client.f3.sfm;

import io.jenkins.plugins.nvflare.client.f3.msgpack.Msgpack;
import io.jenkins.plugins.nvflare.client.f3.msgpack.MsgpackException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns {@link SfmFrame}s into wire bytes and back (layout: 16-byte {@link SfmPrefix}, then
 * {@code header_len} bytes of msgpack header map, then the payload up to {@code length}).
 * Over TCP the prefix's length field is the only framing; over websocket each binary message is one frame.
 */
public final class SfmCodec {
    /** net_utils.MAX_FRAME_SIZE: FLARE rejects anything larger (2 GiB - 2 MiB). */
    static final long FLARE_MAX_FRAME_SIZE = 2L * 1024 * 1024 * 1024 - 2L * 1024 * 1024;

    private final int maxFrameSize;

    /**
     * @param maxFrameSize the largest frame this side accepts or produces; admin traffic is small,
     *     so callers pick a bound far below FLARE's limit to keep memory in check
     */
    public SfmCodec(int maxFrameSize) {
        if (maxFrameSize < SfmPrefix.SIZE) {
            throw new IllegalArgumentException("max frame size " + maxFrameSize + " below the prefix size");
        }
        this.maxFrameSize = maxFrameSize;
    }

    public byte[] encode(SfmFrame frame) throws SfmFrameException {
        return encode(frame, frame.sequence());
    }

    /** {@link #encode(SfmFrame)} with {@code sequence} in place of the frame's (the connection numbers frames). */
    byte[] encode(SfmFrame frame, int sequence) throws SfmFrameException {
        // Python sends no header bytes for an empty dict (sfm_conn.headers_to_bytes: "if headers").
        byte[] headerBytes = frame.headers().isEmpty() ? new byte[0] : encodeHeaders(frame.headers());
        if (headerBytes.length > 0xffff) {
            throw new SfmFrameException(
                    "SFM headers too large: " + headerBytes.length + " bytes, the prefix allows 65535");
        }
        long length = (long) SfmPrefix.SIZE + headerBytes.length + frame.payloadLength();
        if (length > maxFrameSize) {
            throw new SfmFrameException("SFM frame too large: " + length + " bytes, limit " + maxFrameSize);
        }
        byte[] out = new byte[(int) length];
        new SfmPrefix(
                        length,
                        headerBytes.length,
                        frame.type(),
                        0,
                        frame.flags(),
                        frame.appId(),
                        frame.streamId(),
                        sequence)
                .writeTo(out, 0);
        System.arraycopy(headerBytes, 0, out, SfmPrefix.SIZE, headerBytes.length);
        System.arraycopy(frame.payloadArray(), 0, out, SfmPrefix.SIZE + headerBytes.length, frame.payloadLength());
        return out;
    }

    /** Decodes one complete frame; its length field must match {@code bytes.length} exactly. */
    public SfmFrame decode(byte[] bytes) throws SfmFrameException {
        SfmPrefix prefix = SfmPrefix.read(bytes, 0);
        checkLength(prefix);
        if (prefix.length() != bytes.length) {
            String what = prefix.length() > bytes.length ? "truncated" : "has trailing bytes";
            throw new SfmFrameException(
                    "SFM frame " + what + ": prefix declares " + prefix.length() + " bytes, got " + bytes.length);
        }
        int headerEnd = SfmPrefix.SIZE + prefix.headerLength();
        if (headerEnd > bytes.length) {
            throw new SfmFrameException("SFM header length " + prefix.headerLength() + " exceeds the frame ("
                    + (bytes.length - SfmPrefix.SIZE) + " bytes after the prefix)");
        }
        Map<String, Object> headers =
                prefix.headerLength() == 0 ? Map.of() : decodeHeaders(bytes, prefix.headerLength());
        byte[] payload = new byte[bytes.length - headerEnd];
        System.arraycopy(bytes, headerEnd, payload, 0, payload.length);
        return new SfmFrame(
                prefix.type(), prefix.flags(), prefix.appId(), prefix.streamId(), prefix.sequence(), headers, payload);
    }

    /**
     * Reads the next frame from a byte stream (the TCP driver's framing, socket_conn.read_frame).
     *
     * @return the frame, or {@code null} on a clean end of stream before the first prefix byte
     */
    SfmFrame read(InputStream in) throws IOException {
        byte[] frame = readBytes(in);
        return frame == null ? null : decode(frame);
    }

    /**
     * Reads the bytes of the next frame from a byte stream, checking only its length field.
     *
     * @return the frame's bytes, or {@code null} on a clean end of stream before the first prefix byte
     */
    byte[] readBytes(InputStream in) throws IOException {
        // A read timeout before the first byte leaves the stream in step, so the caller may wait again; one
        // inside a frame would have lost the bytes read so far, so it is reported as a broken frame instead.
        int firstByte = in.read();
        if (firstByte < 0) {
            return null;
        }
        try {
            return readRest((byte) firstByte, in);
        } catch (SocketTimeoutException e) {
            throw new SfmFrameException("read timed out inside an SFM frame", e);
        }
    }

    private byte[] readRest(byte firstByte, InputStream in) throws IOException {
        byte[] prefixBytes = new byte[SfmPrefix.SIZE];
        prefixBytes[0] = firstByte;
        int first = 1 + in.readNBytes(prefixBytes, 1, SfmPrefix.SIZE - 1);
        if (first < SfmPrefix.SIZE) {
            throw new EOFException("connection closed inside an SFM prefix (" + first + " of 16 bytes)");
        }
        SfmPrefix prefix = SfmPrefix.read(prefixBytes, 0);
        checkLength(prefix);
        byte[] frame = new byte[(int) prefix.length()];
        System.arraycopy(prefixBytes, 0, frame, 0, SfmPrefix.SIZE);
        int body = frame.length - SfmPrefix.SIZE;
        int got = in.readNBytes(frame, SfmPrefix.SIZE, body);
        if (got < body) {
            throw new EOFException(
                    "connection closed inside an SFM frame (" + got + " of " + body + " bytes after the prefix)");
        }
        return frame;
    }

    private void checkLength(SfmPrefix prefix) throws SfmFrameException {
        if (prefix.length() < SfmPrefix.SIZE) {
            throw new SfmFrameException("SFM frame length " + prefix.length() + " is below the prefix size 16");
        }
        if (prefix.length() > maxFrameSize) {
            throw new SfmFrameException(
                    "SFM frame of " + prefix.length() + " bytes exceeds the limit of " + maxFrameSize);
        }
    }

    private static byte[] encodeHeaders(Map<String, Object> headers) throws SfmFrameException {
        try {
            return Msgpack.encode(headers);
        } catch (MsgpackException e) {
            throw new SfmFrameException("cannot encode SFM headers: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> decodeHeaders(byte[] bytes, int headerLength) throws SfmFrameException {
        Object decoded;
        try {
            decoded = Msgpack.decode(bytes, SfmPrefix.SIZE, headerLength);
        } catch (MsgpackException e) {
            throw new SfmFrameException("bad SFM headers: " + e.getMessage(), e);
        }
        if (!(decoded instanceof Map<?, ?> map)) {
            throw new SfmFrameException("SFM headers are not a msgpack map but " + describe(decoded));
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            // Python unpacks headers with strict_map_key: only str keys are legal there.
            if (!(e.getKey() instanceof String key)) {
                throw new SfmFrameException("SFM header key is not a string: " + describe(e.getKey()));
            }
            headers.put(key, e.getValue());
        }
        return headers;
    }

    private static String describe(Object o) {
        return o == null ? "nil" : o.getClass().getSimpleName();
    }
}
