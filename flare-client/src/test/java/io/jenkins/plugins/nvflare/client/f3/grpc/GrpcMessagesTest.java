package io.jenkins.plugins.nvflare.client.f3.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameException;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeGrpcServer;
import io.jenkins.plugins.nvflare.client.f3.testing.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The hand-written gRPC message and streamer.proto {@code Frame} codec, checked against protobuf-java (the
 * marshaller of {@link FakeGrpcServer}, written with protobuf's own coded streams) in both directions.
 */
class GrpcMessagesTest {
    /** An SFM PING frame (stream 5, seq 9), as a frame the driver carries. */
    private static final byte[] PING = Hex.bytes("00000010 0000 06 00 0000 0000 0005 0009");

    @Test
    void aMessageIsTheFlagTheLengthAndTheFrameAsProtobufWritesIt() throws IOException {
        Buffer wire = new Buffer();
        GrpcMessages.write(wire, 3, PING);
        byte[] bytes = wire.readByteArray();
        // not compressed | length 20 | field 1 varint 3 | field 2, 16 bytes
        assertEquals("00 00 00 00 14 08 03 12 10 " + Hex.of(PING), Hex.of(bytes));
        byte[] message = Arrays.copyOfRange(bytes, 5, 25);
        FakeGrpcServer.Frame parsed = FakeGrpcServer.FRAME.parse(new java.io.ByteArrayInputStream(message));
        assertEquals(3, parsed.seq());
        assertArrayEquals(PING, parsed.data());
    }

    @Test
    void protobufsOwnEncodingIsRead() throws IOException {
        for (int seq : new int[] {0, 1, 127, 128, 300_000, Integer.MAX_VALUE, -1}) {
            for (int size : new int[] {0, 1, 16, 200, 70_000}) {
                byte[] data = new byte[size];
                Arrays.fill(data, (byte) (size + seq));
                Buffer wire = grpcMessage(FakeGrpcServer.FRAME.stream(new FakeGrpcServer.Frame(seq, data)));
                assertArrayEquals(data, GrpcMessages.read(wire, 1 << 20), "seq " + seq + " size " + size);
                assertTrue(wire.exhausted());

                Buffer ours = new Buffer();
                GrpcMessages.write(ours, seq, data);
                assertEquals(grpcMessage(FakeGrpcServer.FRAME.stream(new FakeGrpcServer.Frame(seq, data))), ours);
            }
        }
    }

    @Test
    void fieldsInAnyOrderRepeatedAndUnknownAreReadAsProtobufDoes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeBytes(2, ByteString.copyFromUtf8("first"));
        out.writeString(7, "unknown, length-delimited");
        out.writeFixed64(8, 42);
        out.writeFixed32(9, 42);
        out.writeUInt64(10, Long.MAX_VALUE);
        out.writeInt32(1, 5);
        out.writeBytes(2, ByteString.copyFromUtf8("last wins"));
        out.flush();
        Buffer wire = grpcMessage(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(
                "last wins", new String(GrpcMessages.read(wire, 1 << 20), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theEndOfTheStreamBetweenMessagesIsNull() throws IOException {
        assertNull(GrpcMessages.read(new Buffer(), 1 << 20));
    }

    @Test
    void compressedOversizedTruncatedAndMalformedMessagesAreRefused() {
        assertRefused("compressed gRPC message", Hex.bytes("01 00000002 0801"));
        assertRefused("exceeds the limit", Hex.bytes("00 00100000"));
        assertRefused("ended inside a message prefix", Hex.bytes("00 0000"));
        assertRefused("ended inside a message of 8 bytes", Hex.bytes("00 00000008 1206"));
        // data field claiming 9 bytes in a 4-byte message
        assertRefused("malformed gRPC Frame", Hex.bytes("00 00000004 1209 6869"));
        assertRefused("wire type 3", Hex.bytes("00 00000001 0b"));
    }

    private static void assertRefused(String expected, byte[] wire) {
        Buffer source = new Buffer().write(wire);
        SfmFrameException e = assertThrows(SfmFrameException.class, () -> GrpcMessages.read(source, 1024));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static Buffer grpcMessage(InputStream protobuf) throws IOException {
        byte[] body = protobuf.readAllBytes();
        return new Buffer().writeByte(0).writeInt(body.length).write(body);
    }
}
