package io.jenkins.plugins.nvflare.client.f3.ws;

import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Hands a websocket's messages from the thread that reads the connection to the one thread that reads frames:
 * binary messages in order, then one end-of-stream event, so that the frame reader waits with a timeout and
 * stops at once when interrupted. Fed by {@link WebSocketFrameChannel}'s reader, or as an OkHttp listener (the
 * outcome of the upgrade too) by the test server. The queue is unbounded because the reading thread must not
 * block; admin traffic is request/reply, so it stays short.
 */
public final class WebSocketInbox extends WebSocketListener {
    private static final int NORMAL_CLOSURE = 1000;
    private static final int GOING_AWAY = 1001;
    private static final int PROTOCOL_ERROR = 1002;

    private final int maxMessage;
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean endQueued = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    /** @param maxMessage the largest binary message accepted (FLARE's frames are one message each) */
    public WebSocketInbox(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    private sealed interface Event permits Binary, End {}

    private record Binary(byte[] bytes) implements Event {}

    /** @param error null for a clean close */
    private record End(IOException error) implements Event {}

    /**
     * Waits for the upgrade to complete.
     *
     * @return the open websocket
     * @throws WebSocketUpgradeException when the server answered with another HTTP status than 101
     * @throws SocketTimeoutException when neither success nor failure came within {@code timeout}
     */
    public WebSocket awaitOpen(Duration timeout) throws IOException {
        try {
            return opened.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io
                    ? io
                    : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("no websocket upgrade within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening the websocket");
        }
    }

    /**
     * The next binary message.
     *
     * @return its bytes, or null once the peer closed the websocket cleanly (also on every later call)
     * @throws SocketTimeoutException when nothing arrived within {@code timeout}
     */
    public byte[] next(Duration timeout) throws IOException {
        Event e;
        try {
            e = events.poll(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a websocket message");
        }
        if (e == null) {
            throw new SocketTimeoutException("no websocket message within " + timeout.toMillis() + " ms");
        }
        if (e instanceof Binary b) {
            return b.bytes();
        }
        End end = (End) e;
        events.add(end); // the stream stays ended for later calls
        if (end.error() != null) {
            throw end.error();
        }
        return null;
    }

    /** Waits up to {@code timeout} for OkHttp to report the websocket closed or failed. */
    public boolean awaitTerminated(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        opened.complete(webSocket);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        if (bytes.size() > maxMessage) {
            end(new SfmFrameException(
                    "websocket message of " + bytes.size() + " bytes exceeds the limit of " + maxMessage));
            webSocket.cancel();
        } else if (!endQueued.get()) {
            events.add(new Binary(bytes.toByteArray()));
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        // aio_http_driver.py sends every SFM frame with send_bytes; a text message means the peer is not FLARE.
        end(new SfmFrameException("unexpected text websocket message (" + text.length()
                + " chars); FLARE sends SFM frames as binary messages"));
        webSocket.close(PROTOCOL_ERROR, "binary messages only");
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        // The peer started the close handshake: finish it, as aiohttp does on its side.
        webSocket.close(NORMAL_CLOSURE, null);
        boolean clean = code == NORMAL_CLOSURE || code == GOING_AWAY;
        end(
                clean
                        ? null
                        : new IOException("websocket closed by the peer with code " + code
                                + (reason.isEmpty() ? "" : " (" + reason + ")")));
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        end(null);
        terminated.countDown();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        IOException error;
        if (!opened.isDone() && response != null && response.code() != 101) {
            error = new WebSocketUpgradeException(response.code(), response.message(), t);
        } else if (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
            // OkHttp's own thread was interrupted (e.g. its client shutting down): that says nothing about the
            // reading thread, whose interrupts alone are InterruptedIOException here (see Interrupts).
            error = new IOException("websocket failed: " + t, t);
        } else {
            error = t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        }
        opened.completeExceptionally(error);
        end(error);
        terminated.countDown();
    }

    /** A binary message read from the connection. */
    void deliver(byte[] message) {
        if (!endQueued.get()) {
            events.add(new Binary(message));
        }
    }

    /** The end of the stream: null for a clean close, else what ended it; later ends are ignored. */
    void end(IOException error) {
        if (endQueued.compareAndSet(false, true)) {
            events.add(new End(error));
        }
    }
}
