package io.jenkins.plugins.nvflare.client.f3.msgpack;

import java.nio.ByteBuffer;

/**
 * The section envelope of {@code fobs.dumps} (nvflare/fuel/utils/fobs/lobs.py), used for every CellNet
 * payload with encoding {@code "fobs"}: a 10-byte header (marker u8, dot u8, size u64, big-endian)
 * before the msgpack main body, optionally followed by datum sections for values above 10 MB.
 * Admin traffic never carries datums, so they are refused here with a clear error.
 */
public final class Lobs {
    static final int HEADER_SIZE = 10;
    static final int MARKER_MAIN = 100;
    static final int MARKER_DATUM_TEXT = 101;
    static final int MARKER_DATUM_BLOB = 102;
    static final int MARKER_DATUM_FILE = 103;

    private Lobs() {}

    /** {@code fobs.dumps(value)} for plain msgpack values (maps with {@code __fobs_type__} are the caller's job). */
    public static byte[] encode(Object value) throws MsgpackException {
        byte[] section = Msgpack.encode(value, HEADER_SIZE); // the body written after room for the header: no copy
        ByteBuffer.wrap(section, 0, HEADER_SIZE)
                .put((byte) MARKER_MAIN)
                .put((byte) 0)
                .putLong(section.length - HEADER_SIZE);
        return section;
    }

    /** {@code fobs.loads(bytes)} without decomposers: the main body as msgpack values. */
    public static Object decode(byte[] bytes) throws MsgpackException {
        if (bytes.length < HEADER_SIZE) {
            throw new MsgpackException(
                    "fobs payload too short: " + bytes.length + " byte(s), the section header needs 10");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int marker = in.get() & 0xff;
        in.get(); // dot: datum type hint, meaningless for the main section
        long size = in.getLong();
        if (marker != MARKER_MAIN) {
            throw new MsgpackException("fobs payload does not start with a main section (marker " + marker + ")");
        }
        if (size <= 0 || size > bytes.length - HEADER_SIZE) {
            throw new MsgpackException("fobs main section declares " + Long.toUnsignedString(size) + " bytes, "
                    + (bytes.length - HEADER_SIZE) + " present");
        }
        int end = HEADER_SIZE + (int) size;
        if (end != bytes.length) {
            int next = bytes[end] & 0xff;
            boolean datum = next == MARKER_DATUM_TEXT || next == MARKER_DATUM_BLOB || next == MARKER_DATUM_FILE;
            throw new MsgpackException(
                    datum
                            ? "fobs payload carries datum sections (values over 10 MB), which are not supported"
                            : (bytes.length - end) + " unexpected byte(s) after the fobs main section");
        }
        return Msgpack.decode(bytes, HEADER_SIZE, (int) size);
    }
}
