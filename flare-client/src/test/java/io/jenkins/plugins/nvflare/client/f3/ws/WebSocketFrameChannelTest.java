package io.jenkins.plugins.nvflare.client.f3.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Random;
import okio.Okio;
import org.junit.jupiter.api.Test;

/** The channel's own writes: straight to the socket's stream, each frame bounded by the write timeout. */
class WebSocketFrameChannelTest {

    @Test
    void aFrameGoesOutWholeAndMasked() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                Socket server = listener.accept()) {
            WebSocketFrameChannel channel = new WebSocketFrameChannel(
                    Okio.socket(client),
                    client.getOutputStream(),
                    1 << 20,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    () -> {});
            byte[] payload = new byte[3 * WebSocketFrames.CHUNK + 5];
            new Random(7).nextBytes(payload);
            channel.send(payload);
            DataInputStream in = new DataInputStream(server.getInputStream());
            assertEquals(0x82, in.readUnsignedByte());
            assertEquals(0x80 | 126, in.readUnsignedByte());
            assertEquals(payload.length, in.readUnsignedShort());
            byte[] key = new byte[4];
            in.readFully(key);
            byte[] masked = new byte[payload.length];
            in.readFully(masked);
            for (int i = 0; i < masked.length; i++) {
                masked[i] ^= key[i % 4];
            }
            assertArrayEquals(payload, masked);
        }
    }

    @Test
    void aPeerThatStopsReadingEndsTheWriteWithinTheWriteTimeout() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                Socket server = listener.accept()) {
            // the server never reads: the socket buffers fill up and the write blocks
            WebSocketFrameChannel channel = new WebSocketFrameChannel(
                    Okio.socket(client),
                    client.getOutputStream(),
                    1 << 20,
                    Duration.ofSeconds(30),
                    Duration.ofMillis(300),
                    () -> {});
            long t0 = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    channel.send(new byte[1 << 20]);
                }
            });
            assertTrue(e.getMessage().contains("write timed out"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos(), "ended by the timeout");
        }
    }
}
