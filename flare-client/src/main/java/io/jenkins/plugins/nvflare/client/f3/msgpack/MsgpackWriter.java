package io.jenkins.plugins.nvflare.client.f3.msgpack;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes msgpack values into one array of exactly the encoded size. A value is walked twice: first only counting
 * bytes, then writing them into the array allocated for that count, so a large {@code byte[]} (a 1 MiB upload
 * chunk) is copied once — a growing buffer copied it again at every doubling and once more to trim it, which with
 * the envelope around it made the encoding most of the per-chunk copying of an upload. Accepts {@code null}, {@link Boolean}, {@link Byte},
 * {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger} (up to 2^64-1), {@link Float}
 * (float32), {@link Double} (float64), {@link String}, {@code byte[]}, {@link List}, {@link Map} and
 * {@link MsgpackExt}; anything else is an error rather than a silent {@code toString()}.
 */
final class MsgpackWriter {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final Out out = new Out();

    /**
     * {@code value} encoded after {@code offset} leading bytes left zero for the caller (an envelope's header).
     *
     * @return an array of exactly {@code offset} + the encoded size
     */
    byte[] encode(Object value, int offset) throws MsgpackException {
        out.count(offset);
        write(value, 0);
        out.allocate();
        out.skip(offset);
        write(value, 0);
        return out.finish();
    }

    private void write(Object value, int depth) throws MsgpackException {
        if (depth > Msgpack.MAX_DEPTH) {
            throw new MsgpackException("value nested deeper than " + Msgpack.MAX_DEPTH + " levels (cycle?)");
        }
        if (value == null) {
            out.write(0xc0);
        } else if (value instanceof Boolean b) {
            out.write(b ? 0xc3 : 0xc2);
        } else if (value instanceof Byte
                || value instanceof Short
                || value instanceof Integer
                || value instanceof Long) {
            writeLong(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            writeBigInteger(big);
        } else if (value instanceof Float f) {
            out.write(0xca);
            writeBE(Float.floatToIntBits(f), 4);
        } else if (value instanceof Double d) {
            out.write(0xcb);
            writeBE(Double.doubleToLongBits(d), 8);
        } else if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof byte[] bytes) {
            writeBinary(bytes);
        } else if (value instanceof List<?> list) {
            writeLengthHeader(list.size(), 0x90, 15, 0xdc, 0xdd);
            for (Object item : list) {
                write(item, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            writeLengthHeader(map.size(), 0x80, 15, 0xde, 0xdf);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(e.getKey(), depth + 1);
                write(e.getValue(), depth + 1);
            }
        } else if (value instanceof MsgpackExt ext) {
            writeExt(ext);
        } else {
            throw new MsgpackException("cannot encode " + value.getClass().getName() + " as msgpack");
        }
    }

    /** Smallest encoding, the same choice Python's msgpack makes, so our bytes match FLARE's. */
    private void writeLong(long v) {
        if (v >= 0) {
            if (v <= 0x7f) {
                out.write((int) v);
            } else if (v <= 0xff) {
                out.write(0xcc);
                writeBE(v, 1);
            } else if (v <= 0xffff) {
                out.write(0xcd);
                writeBE(v, 2);
            } else if (v <= 0xffffffffL) {
                out.write(0xce);
                writeBE(v, 4);
            } else {
                out.write(0xcf);
                writeBE(v, 8);
            }
        } else if (v >= -32) {
            out.write((int) (v & 0xff));
        } else if (v >= Byte.MIN_VALUE) {
            out.write(0xd0);
            writeBE(v, 1);
        } else if (v >= Short.MIN_VALUE) {
            out.write(0xd1);
            writeBE(v, 2);
        } else if (v >= Integer.MIN_VALUE) {
            out.write(0xd2);
            writeBE(v, 4);
        } else {
            out.write(0xd3);
            writeBE(v, 8);
        }
    }

    private void writeBigInteger(BigInteger big) throws MsgpackException {
        if (big.bitLength() < 64) {
            writeLong(big.longValue());
        } else if (big.signum() > 0 && big.compareTo(UINT64_MAX) <= 0) {
            out.write(0xcf);
            writeBE(big.longValue(), 8);
        } else {
            throw new MsgpackException("integer out of msgpack range: " + big);
        }
    }

    private void writeString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeLengthHeader(utf8.length, 0xa0, 31, 0xd9, 0xda, 0xdb);
        out.writeBytes(utf8);
    }

    private void writeBinary(byte[] bytes) {
        if (bytes.length <= 0xff) {
            out.write(0xc4);
            writeBE(bytes.length, 1);
        } else if (bytes.length <= 0xffff) {
            out.write(0xc5);
            writeBE(bytes.length, 2);
        } else {
            out.write(0xc6);
            writeBE(bytes.length, 4);
        }
        out.writeBytes(bytes);
    }

    private void writeExt(MsgpackExt ext) {
        byte[] data = ext.data();
        int fixed =
                switch (data.length) {
                    case 1 -> 0xd4;
                    case 2 -> 0xd5;
                    case 4 -> 0xd6;
                    case 8 -> 0xd7;
                    case 16 -> 0xd8;
                    default -> 0;
                };
        if (fixed != 0) {
            out.write(fixed);
        } else if (data.length <= 0xff) {
            out.write(0xc7);
            writeBE(data.length, 1);
        } else if (data.length <= 0xffff) {
            out.write(0xc8);
            writeBE(data.length, 2);
        } else {
            out.write(0xc9);
            writeBE(data.length, 4);
        }
        out.write(ext.type());
        out.writeBytes(data);
    }

    /** Array and map headers: fix form, then 16- and 32-bit lengths. */
    private void writeLengthHeader(int length, int fixBase, int fixMax, int code16, int code32) {
        if (length <= fixMax) {
            out.write(fixBase | length);
        } else if (length <= 0xffff) {
            out.write(code16);
            writeBE(length, 2);
        } else {
            out.write(code32);
            writeBE(length, 4);
        }
    }

    /** Strings additionally have an 8-bit length form (str8). */
    private void writeLengthHeader(int length, int fixBase, int fixMax, int code8, int code16, int code32) {
        if (length > fixMax && length <= 0xff) {
            out.write(code8);
            writeBE(length, 1);
        } else {
            writeLengthHeader(length, fixBase, fixMax, code16, code32);
        }
    }

    private void writeBE(long v, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xff);
        }
    }

    /** Counts bytes (no array yet), then writes them into an array of the counted size. */
    private static final class Out {
        private byte[] buf;
        private int pos;

        void count(int start) {
            buf = null;
            pos = start;
        }

        void allocate() {
            buf = new byte[pos];
            pos = 0;
        }

        void skip(int n) {
            pos += n;
        }

        void write(int b) {
            if (buf != null) {
                buf[pos] = (byte) b;
            }
            pos++;
        }

        void writeBytes(byte[] b) {
            if (buf != null) {
                System.arraycopy(b, 0, buf, pos, b.length);
            }
            pos += b.length;
        }

        byte[] finish() {
            if (pos != buf.length) {
                // both passes run the same code over the same value, so this means the value changed in between
                throw new IllegalStateException("msgpack value changed while it was encoded");
            }
            byte[] result = buf;
            buf = null;
            return result;
        }
    }
}
