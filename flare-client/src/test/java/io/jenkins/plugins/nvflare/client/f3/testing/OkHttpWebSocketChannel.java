package io.jenkins.plugins.nvflare.client.f3.testing;

import io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel;
import io.jenkins.plugins.nvflare.client.f3.ws.WebSocketInbox;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.WebSocket;
import okio.ByteString;

/**
 * The server side of a fake FLARE websocket: SFM frames as binary messages on an OkHttp {@link WebSocket} that
 * MockWebServer upgraded, read through a {@link WebSocketInbox}. (The client has its own frames, ws package.)
 */
final class OkHttpWebSocketChannel implements FrameChannel {
    /** How long close waits for the peer's close frame before dropping the connection. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final WebSocket webSocket;
    private final WebSocketInbox inbox;
    private volatile Duration readTimeout;
    private final Runnable release;

    /**
     * @param inbox the listener the websocket was opened with
     * @param release frees what the websocket's client holds (threads, pooled connections) after close
     */
    OkHttpWebSocketChannel(WebSocket webSocket, WebSocketInbox inbox, Duration readTimeout, Runnable release) {
        this.webSocket = webSocket;
        this.inbox = inbox;
        this.readTimeout = readTimeout;
        this.release = release;
    }

    @Override
    public void send(byte[] frame) throws IOException {
        // OkHttp queues the message and writes it on its own thread; false means closed or a full (16 MiB) queue.
        if (!webSocket.send(ByteString.of(frame))) {
            throw new IOException("cannot send on the websocket: it is closed or its send queue is full");
        }
    }

    @Override
    public byte[] receive() throws IOException {
        return inbox.next(readTimeout);
    }

    @Override
    public Duration readTimeout(Duration timeout) {
        Duration previous = readTimeout;
        readTimeout = timeout;
        return previous;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public void close() throws IOException {
        boolean closed = false;
        try {
            webSocket.close(1000, null);
            closed = inbox.awaitTerminated(CLOSE_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing the websocket");
        } finally {
            if (!closed) {
                webSocket.cancel(); // the peer did not finish the close handshake: drop the connection
            }
            release.run();
        }
    }
}
