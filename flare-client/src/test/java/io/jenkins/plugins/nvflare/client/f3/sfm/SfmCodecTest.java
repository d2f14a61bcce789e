package io.jenkins.plugins.nvflare.client.f3.sfm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.f3.msgpack.Msgpack;
import io.jenkins.plugins.nvflare.client.f3.testing.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames written byte by byte from the layout in nvflare/fuel/f3/sfm/prefix.py and sfm_conn.py. */
class SfmCodecTest {
    private static final int ONE_MIB = 1024 * 1024;

    /** DATA, headers {"a": 1}, payload "hi", app 1, stream 7, sequence 3: 16 + 4 + 2 = 22 bytes. */
    private static final String DATA_FRAME =
            "00 00 00 16  00 04  01  00  00 00  00 01  00 07  00 03" + "  81 a1 61 01  68 69";

    /** HELLO as SfmConnection.send_handshake sends it: no headers, app 0, stream 1, payload map. */
    private static final String HELLO_FRAME = "00 00 00 39  00 00  04  00  00 00  00 00  00 01  00 01"
            + "  82 ad 65 6e 64 70 6f 69 6e 74 5f 6e 61 6d 65  a6 73 65 72 76 65 72"
            + "  a9 74 69 6d 65 73 74 61 6d 70  cb 3f f8 00 00 00 00 00 00";

    private final SfmCodec codec = new SfmCodec(ONE_MIB);

    @Test
    void encodesDataFrameToHandBuiltBytes() throws Exception {
        SfmFrame frame = SfmFrame.data(1, 7, 3, Map.of("a", 1L), "hi".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Hex.of(Hex.bytes(DATA_FRAME)), Hex.of(codec.encode(frame)));
    }

    /** A stream that yields {@code bytes} and then times out, as a socket whose peer went quiet. */
    private static InputStream quietAfter(byte[] bytes) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos < bytes.length) {
                    return bytes[pos++] & 0xff;
                }
                throw new SocketTimeoutException("Read timed out");
            }
        };
    }

    @Test
    void aReadTimeoutBetweenFramesMayBeWaitedOutButOneInsideAFrameBreaksTheStream() {
        assertThrows(SocketTimeoutException.class, () -> codec.readBytes(quietAfter(new byte[0])));
        byte[] half = Arrays.copyOf(Hex.bytes(DATA_FRAME), 18);
        SfmFrameException e = assertThrows(SfmFrameException.class, () -> codec.readBytes(quietAfter(half)));
        assertEquals("read timed out inside an SFM frame", e.getMessage());
        byte[] partPrefix = Arrays.copyOf(Hex.bytes(DATA_FRAME), 5);
        assertThrows(SfmFrameException.class, () -> codec.readBytes(quietAfter(partPrefix)));
    }

    @Test
    void decodesHandBuiltDataFrame() throws Exception {
        SfmFrame frame = codec.decode(Hex.bytes(DATA_FRAME));
        assertEquals(SfmFrameType.DATA.code(), frame.type());
        assertEquals(0, frame.flags());
        assertEquals(1, frame.appId());
        assertEquals(7, frame.streamId());
        assertEquals(3, frame.sequence());
        assertEquals(Map.of("a", 1L), frame.headers());
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), frame.payload());
    }

    @Test
    void prefixFieldsAreBigEndianInDeclaredOrder() throws Exception {
        SfmPrefix p = SfmPrefix.read(Hex.bytes("01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10"), 0);
        assertEquals(new SfmPrefix(0x01020304L, 0x0506, 0x07, 0x08, 0x090a, 0x0b0c, 0x0d0e, 0x0f10), p);
        assertEquals("01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10", Hex.of(p.toBytes()));
    }

    @Test
    void prefixFieldsAreUnsigned() throws Exception {
        SfmPrefix p = SfmPrefix.read(Hex.bytes("ff".repeat(16)), 0);
        assertEquals(new SfmPrefix(0xffffffffL, 0xffff, 0xff, 0xff, 0xffff, 0xffff, 0xffff, 0xffff), p);
        assertThrows(IllegalArgumentException.class, () -> new SfmPrefix(0, 0x10000, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SfmPrefix(-1, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void emptyHeadersAndPayloadGiveABarePrefix() throws Exception {
        SfmFrame ping = new SfmFrame(SfmFrameType.PING.code(), 0, 0, 5, 9, Map.of(), null);
        byte[] bytes = codec.encode(ping);
        assertEquals("00 00 00 10 00 00 06 00 00 00 00 00 00 05 00 09", Hex.of(bytes));
        assertEquals(ping, codec.decode(bytes));
    }

    @Test
    void flagsAndUnknownTypesSurviveDecoding() throws Exception {
        SfmFrame odd = new SfmFrame(9, SfmFrame.FLAG_OOB | SfmFrame.FLAG_REQ, 2, 3, 4, Map.of(), new byte[] {1});
        byte[] bytes = codec.encode(odd);
        assertEquals("00 00 00 11 00 00 09 00 a0 00 00 02 00 03 00 04 01", Hex.of(bytes));
        SfmFrame back = codec.decode(bytes);
        assertEquals(odd, back);
        assertTrue(back.toString().contains("type 9"), back.toString());
    }

    @Test
    void helloHandshakeMatchesHandBuiltBytes() throws Exception {
        SfmHandshake hello = new SfmHandshake("server", 1.5, Map.of());
        assertEquals(Hex.of(Hex.bytes(HELLO_FRAME)), Hex.of(codec.encode(hello.toFrame(SfmFrameType.HELLO, 1))));
        SfmHandshake back = SfmHandshake.fromFrame(codec.decode(Hex.bytes(HELLO_FRAME)));
        assertEquals(hello, back);
    }

    @Test
    void handshakeCarriesExtraProperties() throws Exception {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("fqcn", "_admin_x");
        SfmHandshake ready = new SfmHandshake("_admin_x", 1.7e9, props);
        SfmFrame frame = codec.decode(codec.encode(ready.toFrame(SfmFrameType.READY, 2)));
        assertEquals(SfmFrameType.READY.code(), frame.type());
        assertEquals(ready, SfmHandshake.fromFrame(frame));
        assertThrows(IllegalArgumentException.class, () -> ready.toFrame(SfmFrameType.DATA, 1));
    }

    @Test
    void handshakeWithoutEndpointNameIsRejected() throws Exception {
        SfmFrame bad =
                new SfmFrame(SfmFrameType.HELLO.code(), 0, 0, 1, 1, Map.of(), Msgpack.encode(Map.of("timestamp", 1.0)));
        assertMessage(() -> SfmHandshake.fromFrame(bad), "handshake without endpoint_name");
    }

    @Test
    void rejectsMalformedFramesWithClearErrors() {
        assertDecodeError("00 00 00 16 00 04 01 00 00 00", "SFM prefix too short: 10 byte(s), need 16");
        assertDecodeError("00 00 00 0f 00 00 01 00 00 00 00 01 00 01 00 01", "length 15 is below the prefix size");
        assertDecodeError(
                DATA_FRAME.substring(0, DATA_FRAME.length() - 3), "truncated: prefix declares 22 bytes, got 21");
        assertDecodeError(DATA_FRAME + " 00", "has trailing bytes: prefix declares 22 bytes, got 23");
        assertDecodeError("00 00 00 12 00 05 01 00 00 00 00 01 00 01 00 01 c0 c0", "header length 5 exceeds the frame");
        assertDecodeError(
                "00 00 00 14 00 04 01 00 00 00 00 01 00 01 00 01 93 01 02 03", "not a msgpack map but ArrayList");
        assertDecodeError(
                "00 00 00 13 00 03 01 00 00 00 00 01 00 01 00 01 81 01 01", "header key is not a string: Long");
        assertDecodeError(
                "00 00 00 11 00 01 01 00 00 00 00 01 00 01 00 01 c1", "bad SFM headers: invalid msgpack type byte");
        assertDecodeError("00 00 00 12 00 02 01 00 00 00 00 01 00 01 00 01 81 a1", "bad SFM headers: truncated");
    }

    @Test
    void rejectsFramesAboveTheConfiguredLimit() throws Exception {
        SfmCodec small = new SfmCodec(32);
        SfmFrame big = SfmFrame.data(1, 1, 1, Map.of(), new byte[17]);
        assertMessage(() -> small.encode(big), "SFM frame too large: 33 bytes, limit 32");
        byte[] ok = codec.encode(big);
        assertMessage(() -> small.decode(ok), "SFM frame of 33 bytes exceeds the limit of 32");
        assertThrows(IllegalArgumentException.class, () -> new SfmCodec(15));
    }

    @Test
    void rejectsHeadersThatDoNotFitTheSixteenBitLength() {
        SfmFrame frame = SfmFrame.data(1, 1, 1, Map.of("big", "x".repeat(70_000)), null);
        assertMessage(() -> codec.encode(frame), "SFM headers too large");
    }

    @Test
    void readsConsecutiveFramesFromAStream() throws Exception {
        SfmFrame second = new SfmFrame(SfmFrameType.PONG.code(), 0, 0, 2, 4, Map.of(), null);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(Hex.bytes(DATA_FRAME));
        wire.writeBytes(codec.encode(second));
        ByteArrayInputStream in = new ByteArrayInputStream(wire.toByteArray());

        assertEquals(codec.decode(Hex.bytes(DATA_FRAME)), codec.read(in));
        assertEquals(second, codec.read(in));
        assertNull(codec.read(in), "clean end of stream");
    }

    @Test
    void streamEndingInsideAFrameIsAnError() {
        byte[] data = Hex.bytes(DATA_FRAME);
        EOFException inPrefix =
                assertThrows(EOFException.class, () -> codec.read(new ByteArrayInputStream(data, 0, 7)));
        assertTrue(inPrefix.getMessage().contains("inside an SFM prefix (7 of 16 bytes)"), inPrefix.getMessage());
        EOFException inBody = assertThrows(EOFException.class, () -> codec.read(new ByteArrayInputStream(data, 0, 20)));
        assertTrue(inBody.getMessage().contains("(4 of 6 bytes after the prefix)"), inBody.getMessage());
    }

    @Test
    void hugeDeclaredLengthOnAStreamIsRejectedBeforeReading() {
        ByteArrayInputStream in =
                new ByteArrayInputStream(Hex.bytes("ff ff ff ff 00 00 01 00 00 00 00 01 00 01 00 01"));
        assertMessage(() -> codec.read(in), "SFM frame of 4294967295 bytes exceeds the limit of 1048576");
    }

    private void assertDecodeError(String hex, String expected) {
        assertMessage(() -> codec.decode(Hex.bytes(hex)), expected);
    }

    private interface Call {
        void run() throws IOException;
    }

    private static void assertMessage(Call call, String expected) {
        SfmFrameException e = assertThrows(SfmFrameException.class, call::run);
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }
}
