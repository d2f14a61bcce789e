package io.jenkins.plugins.nvflare.client.f3.grpc;

import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameException;
import java.io.IOException;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * gRPC's length-prefixed messages (gRPC over HTTP/2: a compressed flag byte, a 4-byte big-endian length, the
 * message) whose message is streamer.proto's {@code Frame}: field 1 {@code seq} (int32, varint), field 2
 * {@code data} (bytes, length-delimited). proto3 leaves out a field with its default value (seq 0, empty data);
 * the reader takes the fields in any order, keeps the last of a repeated one and skips unknown ones, as protobuf
 * parsers do. Compressed messages are refused: the client offers no compression ({@code grpc-accept-encoding:
 * identity}), so a server may not send any. Stateless; the caller serializes access to each stream.
 */
public final class GrpcMessages {
    /** The gRPC message prefix: compressed flag + length. */
    static final int PREFIX = 5;

    private static final int SEQ_TAG = (1 << 3) | 0; // field 1, varint
    private static final int DATA_TAG = (2 << 3) | 2; // field 2, length-delimited

    private GrpcMessages() {}

    /** Writes one message carrying {@code Frame{seq, data}} (not flushed). */
    public static void write(BufferedSink sink, int seq, byte[] data) throws IOException {
        int body = frameSize(seq, data.length);
        sink.writeByte(0); // not compressed
        sink.writeInt(body);
        if (seq != 0) {
            sink.writeByte(SEQ_TAG);
            // int32 is a varint of its sign-extended 64-bit value (10 bytes when negative)
            writeVarint(sink, seq);
        }
        if (data.length > 0) {
            sink.writeByte(DATA_TAG);
            writeVarint(sink, data.length);
            sink.write(data);
        }
    }

    /** The protobuf size of {@code Frame{seq, data}} with {@code dataLength} bytes of data. */
    static int frameSize(int seq, int dataLength) {
        int size = 0;
        if (seq != 0) {
            size += 1 + varintSize(seq);
        }
        if (dataLength > 0) {
            size += 1 + varintSize(dataLength) + dataLength;
        }
        return size;
    }

    /**
     * The {@code data} of the next message, or null when the stream ends cleanly at a message boundary.
     *
     * @param maxData the largest frame accepted (the message may be a few bytes more)
     * @throws SfmFrameException for a compressed, oversized, truncated or malformed message
     */
    public static byte[] read(BufferedSource source, int maxData) throws IOException {
        if (source.exhausted()) {
            return null;
        }
        if (!source.request(PREFIX)) {
            throw new SfmFrameException("gRPC stream ended inside a message prefix");
        }
        int flag = source.readByte() & 0xff;
        long length = source.readInt() & 0xffffffffL;
        if (flag != 0) {
            throw new SfmFrameException("compressed gRPC message (flag " + flag + "); none was offered");
        }
        long limit = (long) maxData + 16;
        if (length > limit) {
            throw new SfmFrameException("gRPC message of " + length + " bytes exceeds the limit of " + limit);
        }
        if (!source.request(length)) {
            throw new SfmFrameException("gRPC stream ended inside a message of " + length + " bytes");
        }
        return dataOf(source, length);
    }

    /** Parses one {@code Frame} of {@code length} bytes from {@code source}, keeping only its data. */
    private static byte[] dataOf(BufferedSource source, long length) throws IOException {
        byte[] data = new byte[0];
        long left = length;
        while (left > 0) {
            long[] read = new long[1];
            long tag = readVarint(source, read);
            left -= read[0];
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == 0) {
                throw new SfmFrameException("malformed gRPC Frame: field number 0");
            }
            switch (wireType) {
                case 0 -> {
                    readVarint(source, read);
                    left -= read[0];
                }
                case 1 -> {
                    skip(source, 8, left);
                    left -= 8;
                }
                case 2 -> {
                    long n = readVarint(source, read);
                    left -= read[0];
                    if (n < 0 || n > left) {
                        throw new SfmFrameException("malformed gRPC Frame: field " + field + " of " + n
                                + " bytes in a message with " + left + " left");
                    }
                    if (field == 2) {
                        data = source.readByteArray(n);
                    } else {
                        source.skip(n);
                    }
                    left -= n;
                }
                case 5 -> {
                    skip(source, 4, left);
                    left -= 4;
                }
                default -> throw new SfmFrameException("malformed gRPC Frame: wire type " + wireType);
            }
            if (left < 0) {
                throw new SfmFrameException("malformed gRPC Frame: a field runs past the message");
            }
        }
        return data;
    }

    private static void skip(BufferedSource source, long n, long left) throws IOException {
        if (n > left) {
            throw new SfmFrameException("malformed gRPC Frame: a field runs past the message");
        }
        source.skip(n);
    }

    /** A varint of at most 10 bytes; {@code read[0]} gets how many bytes it took. */
    private static long readVarint(BufferedSource source, long[] read) throws IOException {
        long value = 0;
        for (int i = 0; i < 10; i++) {
            int b = source.readByte() & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                read[0] = i + 1;
                return value;
            }
        }
        throw new SfmFrameException("malformed gRPC Frame: varint longer than 10 bytes");
    }

    private static void writeVarint(BufferedSink sink, long value) throws IOException {
        while ((value & ~0x7fL) != 0) {
            sink.writeByte((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        sink.writeByte((int) value);
    }

    private static int varintSize(long value) {
        int n = 1;
        while ((value & ~0x7fL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }
}
