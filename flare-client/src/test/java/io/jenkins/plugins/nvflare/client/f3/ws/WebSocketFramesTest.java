package io.jenkins.plugins.nvflare.client.f3.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameException;
import java.net.ProtocolException;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 frames: what the client writes (masked, every length encoding) and what it accepts. */
class WebSocketFramesTest {

    @ParameterizedTest
    @ValueSource(
            ints = {
                0,
                1,
                7,
                8,
                125,
                126,
                65535,
                65536,
                WebSocketFrames.CHUNK - 14,
                WebSocketFrames.CHUNK - 5,
                WebSocketFrames.CHUNK + 3,
                2 * WebSocketFrames.CHUNK + 1,
                1 << 20,
                (1 << 20) + 13
            })
    void aBinaryFrameIsMaskedWithAFreshKeyByteForByteAsTheRfcSays(int length) throws Exception {
        byte[] payload = new byte[length];
        new Random(length).nextBytes(payload);
        Buffer wire = new Buffer();
        new WebSocketFrames(wire.outputStream()).write(WebSocketFrames.OP_BINARY, payload);

        assertEquals(0x82, wire.readByte() & 0xff, "FIN + binary");
        int b1 = wire.readByte() & 0xff;
        assertTrue((b1 & 0x80) != 0, "client frames are masked");
        long declared = b1 & 0x7f;
        if (length < 126) {
            assertEquals(length, declared);
        } else if (length <= 0xffff) {
            assertEquals(126, declared);
            assertEquals(length, wire.readShort() & 0xffff);
        } else {
            assertEquals(127, declared);
            assertEquals(length, wire.readLong());
        }
        byte[] key = wire.readByteArray(4);
        byte[] masked = wire.readByteArray();
        assertEquals(length, masked.length);
        byte[] unmasked = new byte[length];
        for (int i = 0; i < length; i++) {
            unmasked[i] = (byte) (masked[i] ^ key[i % 4]); // RFC 6455 §5.3, one byte at a time
        }
        assertArrayEquals(payload, unmasked);
        if (length >= 64) {
            assertFalse(java.util.Arrays.equals(payload, masked), "the payload does not go out in clear");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 70_000})
    void serverFramesOfEveryLengthEncodingAreRead(int length) throws Exception {
        byte[] payload = new byte[length];
        new Random(1).nextBytes(payload);
        Buffer wire = new Buffer().writeByte(0x82);
        if (length < 126) {
            wire.writeByte(length);
        } else if (length <= 0xffff) {
            wire.writeByte(126).writeShort(length);
        } else {
            wire.writeByte(127).writeLong(length);
        }
        wire.write(payload);
        WebSocketFrames.Frame f = WebSocketFrames.read(wire, 1 << 20);
        assertTrue(f.fin());
        assertEquals(WebSocketFrames.OP_BINARY, f.opcode());
        assertArrayEquals(payload, f.payload());
    }

    @org.junit.jupiter.api.Test
    void aFrameWithReservedBitsOrOverTheLimitIsRefused() {
        Buffer compressed = new Buffer().writeByte(0xc2).writeByte(1).writeByte(0); // RSV1: permessage-deflate
        assertThrows(ProtocolException.class, () -> WebSocketFrames.read(compressed, 1024));
        Buffer big = new Buffer().writeByte(0x82).writeByte(126).writeShort(2000);
        SfmFrameException e = assertThrows(SfmFrameException.class, () -> WebSocketFrames.read(big, 1024));
        assertTrue(e.getMessage().contains("exceeds the limit of 1024"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void eachFrameHasItsOwnKey() throws Exception {
        Buffer wire = new Buffer();
        WebSocketFrames frames = new WebSocketFrames(wire.outputStream());
        frames.write(WebSocketFrames.OP_PONG, new byte[0]);
        frames.write(WebSocketFrames.OP_PONG, new byte[0]);
        wire.skip(2);
        int first = wire.readInt();
        wire.skip(2);
        assertNotEquals(first, wire.readInt());
    }
}
