package io.jenkins.plugins.nvflare.client.f3.sfm;

/**
 * The fixed 16-byte SFM prefix, all fields big-endian and unsigned (Python struct {@code ">IHBBHHHH"},
 * nvflare/fuel/f3/sfm/prefix.py): length u32 (whole frame incl. prefix), header length u16, type u8,
 * reserved u8, flags u16, app id u16, stream id u16, sequence u16.
 */
record SfmPrefix(
        long length, int headerLength, int type, int reserved, int flags, int appId, int streamId, int sequence) {
    static final int SIZE = 16;

    SfmPrefix {
        check("length", length, 0xffffffffL);
        check("header length", headerLength, 0xffff);
        check("type", type, 0xff);
        check("reserved", reserved, 0xff);
        check("flags", flags, 0xffff);
        check("app id", appId, 0xffff);
        check("stream id", streamId, 0xffff);
        check("sequence", sequence, 0xffff);
    }

    void writeTo(byte[] buf, int offset) {
        put(buf, offset, length, 4);
        put(buf, offset + 4, headerLength, 2);
        put(buf, offset + 6, type, 1);
        put(buf, offset + 7, reserved, 1);
        put(buf, offset + 8, flags, 2);
        put(buf, offset + 10, appId, 2);
        put(buf, offset + 12, streamId, 2);
        put(buf, offset + 14, sequence, 2);
    }

    byte[] toBytes() {
        byte[] buf = new byte[SIZE];
        writeTo(buf, 0);
        return buf;
    }

    /** Reads a prefix from the first 16 bytes at {@code offset}; the values are not yet checked against a frame. */
    static SfmPrefix read(byte[] buf, int offset) throws SfmFrameException {
        if (buf.length - offset < SIZE) {
            throw new SfmFrameException(
                    "SFM prefix too short: " + Math.max(0, buf.length - offset) + " byte(s), need " + SIZE);
        }
        return new SfmPrefix(
                get(buf, offset, 4),
                (int) get(buf, offset + 4, 2),
                (int) get(buf, offset + 6, 1),
                (int) get(buf, offset + 7, 1),
                (int) get(buf, offset + 8, 2),
                (int) get(buf, offset + 10, 2),
                (int) get(buf, offset + 12, 2),
                (int) get(buf, offset + 14, 2));
    }

    private static void check(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("SFM " + field + " " + value + " outside 0.." + max);
        }
    }

    private static void put(byte[] buf, int offset, long value, int size) {
        for (int i = 0; i < size; i++) {
            buf[offset + i] = (byte) (value >>> (8 * (size - 1 - i)));
        }
    }

    private static long get(byte[] buf, int offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (buf[offset + i] & 0xff);
        }
        return v;
    }
}
