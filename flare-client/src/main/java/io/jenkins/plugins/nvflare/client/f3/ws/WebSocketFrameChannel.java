package io.jenkins.plugins.nvflare.client.f3.ws;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okio.AsyncTimeout;
import okio.BufferedSource;
import okio.Okio;
import okio.Socket;

/**
 * SFM frames as binary websocket messages, one frame per message (drivers/aio_http_driver.py: {@code send_bytes}
 * out, BINARY messages in), over the connection OkHttp upgraded ({@link WebSocketDialer}). Sending masks and
 * writes on the calling thread ({@link WebSocketFrames}) straight to the TLS socket's stream, each frame bounded by
 * the write timeout (an okio {@link AsyncTimeout} that cancels the connection, as OkHttp's own sink does, but
 * entered once per frame rather than once per 64 KiB); a reader thread answers pings and the close handshake
 * and hands messages to a {@link WebSocketInbox}, so receiving waits at most the read timeout and stops at once
 * when the waiting thread is interrupted.
 */
public final class WebSocketFrameChannel implements FrameChannel {
    /** How long close waits for the peer's close frame before dropping the connection. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private static final int NORMAL_CLOSURE = 1000;
    private static final int GOING_AWAY = 1001;
    private static final int NO_STATUS = 1005;
    private static final int PROTOCOL_ERROR = 1002;

    private final Socket socket;
    private final BufferedSource source;
    private final WebSocketFrames frames;
    private final AsyncTimeout writeDeadline;
    private final WebSocketInbox inbox;
    private final int maxMessage;
    private final Runnable release;
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final AtomicBoolean closeSent = new AtomicBoolean();
    private volatile boolean closing;
    private volatile Duration readTimeout;

    /**
     * @param socket the upgraded connection
     * @param maxMessage the largest message accepted
     * @param release frees what the client that upgraded it holds, after close
     */
    WebSocketFrameChannel(
            Socket socket,
            OutputStream out,
            int maxMessage,
            Duration readTimeout,
            Duration writeTimeout,
            Runnable release) {
        this.socket = socket;
        this.source = Okio.buffer(socket.getSource());
        // reads wait in the inbox, with the read timeout; the reader thread itself waits as long as the connection
        // lives
        source.timeout().clearTimeout().clearDeadline();
        this.writeDeadline = new AsyncTimeout() {
            @Override
            protected void timedOut() {
                socket.cancel();
            }
        };
        writeDeadline.timeout(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        this.frames = new WebSocketFrames(out);
        this.inbox = new WebSocketInbox(maxMessage);
        this.maxMessage = maxMessage;
        this.readTimeout = readTimeout;
        this.release = release;
        Thread reader = new Thread(this::readLoop, "FLARE websocket reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void send(byte[] frame) throws IOException {
        if (closeSent.get()) {
            throw new IOException("cannot send on the websocket: it is closed");
        }
        write(WebSocketFrames.OP_BINARY, frame);
    }

    /**
     * One frame within the write timeout; a write that times out cancels the connection. One frame at a time (the
     * reader thread answers pings and closes), so the timeout is entered and left in turn.
     */
    private void write(int opcode, byte[] payload) throws IOException {
        synchronized (writeDeadline) {
            writeDeadline.enter();
            try {
                frames.write(opcode, payload);
            } catch (IOException e) {
                throw writeDeadline.exit() ? timeout(e) : e;
            } catch (RuntimeException | Error e) {
                writeDeadline.exit();
                throw e;
            }
            if (writeDeadline.exit()) {
                throw timeout(null);
            }
        }
    }

    private static InterruptedIOException timeout(IOException cause) {
        InterruptedIOException e = new SocketTimeoutException("websocket write timed out");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
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

    /** Sends a close frame, waits briefly for the peer's, then closes the connection. */
    @Override
    @SuppressFBWarnings(
            value = "RV_RETURN_VALUE_IGNORED",
            justification = "whether the peer's close frame came within the grace or not, the connection is dropped"
                    + " next (RFC 6455 7.1.1 lets the client close it after a while): the wait has no outcome to check")
    public void close() throws IOException {
        closing = true;
        try {
            sendClose(NORMAL_CLOSURE, "");
            readerDone.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing the websocket");
        } finally {
            socket.cancel();
            release.run();
        }
    }

    private void readLoop() {
        ByteArrayOutputStream fragments = null; // a message sent in several frames (RFC 6455 §5.4)
        try {
            while (true) {
                WebSocketFrames.Frame f = WebSocketFrames.read(source, maxMessage);
                switch (f.opcode()) {
                    case WebSocketFrames.OP_BINARY, WebSocketFrames.OP_CONTINUATION -> {
                        if ((f.opcode() == WebSocketFrames.OP_BINARY) != (fragments == null)) {
                            throw new ProtocolException("websocket continuation frame out of sequence");
                        }
                        if (f.fin() && fragments == null) {
                            inbox.deliver(f.payload());
                        } else {
                            fragments = fragments == null ? new ByteArrayOutputStream() : fragments;
                            fragments.write(f.payload());
                            if (fragments.size() > maxMessage) {
                                throw new SfmFrameException("websocket message of more than " + maxMessage + " bytes");
                            }
                            if (f.fin()) {
                                inbox.deliver(fragments.toByteArray());
                                fragments = null;
                            }
                        }
                    }
                    case WebSocketFrames.OP_TEXT -> {
                        // aio_http_driver.py sends every SFM frame with send_bytes; text means the peer is not FLARE
                        inbox.end(new SfmFrameException("unexpected text websocket message (" + f.payload().length
                                + " bytes); FLARE sends SFM frames as binary messages"));
                        sendClose(PROTOCOL_ERROR, "binary messages only");
                        return;
                    }
                    case WebSocketFrames.OP_PING -> write(WebSocketFrames.OP_PONG, f.payload());
                    case WebSocketFrames.OP_PONG -> {
                        // unsolicited pongs are allowed and mean nothing
                    }
                    case WebSocketFrames.OP_CLOSE -> {
                        peerClosed(f.payload());
                        return;
                    }
                    default -> throw new ProtocolException("unknown websocket opcode " + f.opcode());
                }
            }
        } catch (IOException | RuntimeException e) {
            // after our own close, the connection going away is the expected end
            inbox.end(closing ? null : e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        } finally {
            readerDone.countDown();
        }
    }

    /** The peer started (or answered) the close handshake: finish it, as aiohttp does on its side. */
    private void peerClosed(byte[] payload) {
        int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : NO_STATUS;
        String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        sendClose(NORMAL_CLOSURE, "");
        boolean clean = code == NORMAL_CLOSURE || code == GOING_AWAY || code == NO_STATUS;
        inbox.end(
                clean
                        ? null
                        : new IOException("websocket closed by the peer with code " + code
                                + (reason.isEmpty() ? "" : " (" + reason + ")")));
    }

    private void sendClose(int code, String reason) {
        if (!closeSent.compareAndSet(false, true)) {
            return;
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        try {
            write(WebSocketFrames.OP_CLOSE, payload);
        } catch (IOException e) {
            // the connection is going away anyway
        }
    }
}
