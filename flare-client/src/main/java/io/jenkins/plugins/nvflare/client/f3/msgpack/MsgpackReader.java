package io.jenkins.plugins.nvflare.client.f3.msgpack;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads msgpack values from a byte range. Every declared length is checked against the bytes that
 * are actually left before anything is allocated, so a hostile length cannot exhaust memory.
 */
final class MsgpackReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    MsgpackReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + buf.length + " bytes");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int remaining() {
        return end - pos;
    }

    Object read() throws MsgpackException {
        return read(0);
    }

    private Object read(int depth) throws MsgpackException {
        if (depth > Msgpack.MAX_DEPTH) {
            throw new MsgpackException("msgpack nested deeper than " + Msgpack.MAX_DEPTH + " levels");
        }
        int at = pos;
        int code = u8();
        if (code <= 0x7f) {
            return (long) code;
        }
        if (code >= 0xe0) {
            return (long) (byte) code;
        }
        if ((code & 0xe0) == 0xa0) {
            return string(code & 0x1f);
        }
        if ((code & 0xf0) == 0x90) {
            return array(code & 0x0f, depth);
        }
        if ((code & 0xf0) == 0x80) {
            return map(code & 0x0f, depth);
        }
        return switch (code) {
            case 0xc0 -> null;
            case 0xc2 -> Boolean.FALSE;
            case 0xc3 -> Boolean.TRUE;
            case 0xc4 -> bytes(u8());
            case 0xc5 -> bytes(u16());
            case 0xc6 -> bytes(u32());
            case 0xc7 -> ext(u8());
            case 0xc8 -> ext(u16());
            case 0xc9 -> ext(u32());
            case 0xca -> (double) Float.intBitsToFloat((int) be(4));
            case 0xcb -> Double.longBitsToDouble(be(8));
            case 0xcc -> (long) u8();
            case 0xcd -> (long) u16();
            case 0xce -> be(4);
            case 0xcf -> uint64();
            case 0xd0 -> (long) (byte) be(1);
            case 0xd1 -> (long) (short) be(2);
            case 0xd2 -> (long) (int) be(4);
            case 0xd3 -> be(8);
            case 0xd4 -> ext(1);
            case 0xd5 -> ext(2);
            case 0xd6 -> ext(4);
            case 0xd7 -> ext(8);
            case 0xd8 -> ext(16);
            case 0xd9 -> string(u8());
            case 0xda -> string(u16());
            case 0xdb -> string(u32());
            case 0xdc -> array(u16(), depth);
            case 0xdd -> array(u32(), depth);
            case 0xde -> map(u16(), depth);
            case 0xdf -> map(u32(), depth);
            default ->
                throw new MsgpackException(String.format("invalid msgpack type byte 0x%02x at offset %d", code, at));
        };
    }

    private Object uint64() throws MsgpackException {
        long v = be(8);
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
    }

    private String string(int length) throws MsgpackException {
        int start = take(length, "str");
        try {
            // Strict decoding: FLARE sends UTF-8; a malformed string means a framing bug, not text.
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, start, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MsgpackException("msgpack str at offset " + start + " is not valid UTF-8");
        }
    }

    private byte[] bytes(int length) throws MsgpackException {
        int start = take(length, "bin");
        byte[] out = new byte[length];
        System.arraycopy(buf, start, out, 0, length);
        return out;
    }

    private MsgpackExt ext(int length) throws MsgpackException {
        byte type = (byte) u8();
        return new MsgpackExt(type, bytes(length));
    }

    private List<Object> array(int count, int depth) throws MsgpackException {
        // Every element takes at least one byte: a count above what is left cannot be honest.
        requireAtLeast(count, "array");
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(read(depth + 1));
        }
        return list;
    }

    private Map<Object, Object> map(int count, int depth) throws MsgpackException {
        requireAtLeast((long) count * 2, "map");
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Object key = read(depth + 1);
            if (key instanceof byte[] || key instanceof List || key instanceof Map) {
                // byte[]/List keys would compare by identity; FLARE only uses str (and int) keys.
                throw new MsgpackException(
                        "unsupported msgpack map key type " + key.getClass().getSimpleName());
            }
            map.put(key, read(depth + 1));
        }
        return map;
    }

    private void requireAtLeast(long needed, String what) throws MsgpackException {
        if (needed > remaining()) {
            throw new MsgpackException("truncated msgpack " + what + ": declares " + needed
                    + " element byte(s) at least, only " + remaining() + " left");
        }
    }

    private int take(int length, String what) throws MsgpackException {
        if (length < 0 || length > remaining()) {
            throw new MsgpackException("truncated msgpack " + what + ": needs " + Integer.toUnsignedString(length)
                    + " byte(s) at offset " + pos + ", only " + remaining() + " left");
        }
        int start = pos;
        pos += length;
        return start;
    }

    private int u8() throws MsgpackException {
        return (int) be(1);
    }

    private int u16() throws MsgpackException {
        return (int) be(2);
    }

    /** A 32-bit length; above Integer.MAX_VALUE it cannot fit in a Java array, let alone in what is left. */
    private int u32() throws MsgpackException {
        long v = be(4);
        if (v > Integer.MAX_VALUE) {
            throw new MsgpackException("msgpack length " + v + " exceeds what this reader supports");
        }
        return (int) v;
    }

    /** Unsigned big-endian read (sign handling is up to the caller). */
    private long be(int n) throws MsgpackException {
        int start = take(n, "value");
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (buf[start + i] & 0xff);
        }
        return v;
    }
}
