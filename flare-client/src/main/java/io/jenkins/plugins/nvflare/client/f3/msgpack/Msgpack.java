package io.jenkins.plugins.nvflare.client.f3.msgpack;

/**
 * Msgpack as FLARE's Python side produces it ({@code msgpack.packb} with the library defaults:
 * str as str types, bytes as bin types, floats as float64, integers in their smallest form).
 *
 * <p>Value model when decoding: {@code null}, {@link Boolean}, {@link Long} (a uint64 above
 * {@link Long#MAX_VALUE} becomes {@link java.math.BigInteger}), {@link Double} (float32 is widened),
 * {@link String}, {@code byte[]}, {@link java.util.List}, {@link java.util.Map} (insertion ordered,
 * keys of any decoded type) and {@link MsgpackExt}.
 */
public final class Msgpack {
    /** Containers deeper than this are rejected: FLARE headers are flat, payloads shallow. */
    static final int MAX_DEPTH = 64;

    private Msgpack() {}

    /** Encodes one value; see {@link MsgpackWriter} for the accepted Java types. */
    public static byte[] encode(Object value) throws MsgpackException {
        return new MsgpackWriter().encode(value, 0);
    }

    /**
     * {@code value} encoded after {@code offset} leading zero bytes, in an array of exactly that length, so an
     * envelope can fill in its header without copying the body ({@link Lobs#encode}).
     */
    static byte[] encode(Object value, int offset) throws MsgpackException {
        return new MsgpackWriter().encode(value, offset);
    }

    /** Decodes exactly one value that must span all of {@code bytes}. */
    public static Object decode(byte[] bytes) throws MsgpackException {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes exactly one value that must span {@code bytes[offset, offset+length)}. */
    public static Object decode(byte[] bytes, int offset, int length) throws MsgpackException {
        MsgpackReader reader = new MsgpackReader(bytes, offset, length);
        Object value = reader.read();
        if (reader.remaining() != 0) {
            throw new MsgpackException(reader.remaining() + " trailing byte(s) after the msgpack value");
        }
        return value;
    }
}
