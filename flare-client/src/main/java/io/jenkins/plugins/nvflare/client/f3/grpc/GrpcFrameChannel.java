package io.jenkins.plugins.nvflare.client.f3.grpc;

import io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.internal.http2.ConnectionShutdownException;
import okhttp3.internal.http2.StreamResetException;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * SFM frames as the messages of FLARE's gRPC stream, one frame per {@code Frame} (grpc_driver.py
 * StreamConnection: {@code send_frame} queues {@code Frame(seq, data)}, {@code read_loop} hands each
 * {@code f.data} on). Sending writes the message on the calling thread to the call's duplex request body; the
 * call's own OkHttp thread reads the response messages ({@link Callback#onResponse}) into an inbox, so receiving
 * waits at most the read timeout and stops at once when the waiting thread is interrupted. (OkHttp's own read
 * timeout on an HTTP/2 stream would cancel the stream: this one only gives up waiting, as a socket's does, so a
 * caller may wait briefly and then wait again.) The stream ends cleanly with gRPC status OK, or CANCELLED as the
 * Python server ends it when it closes the connection ({@code context.abort(CANCELLED, "service closed")}); any
 * other status ends it with a {@link GrpcStatusException}.
 */
public final class GrpcFrameChannel implements FrameChannel, Callback {
    private static final int OK = 0;
    private static final int CANCELLED = 1;

    private final int maxFrame;
    private final BlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final Runnable release;
    private volatile Call call;
    private volatile BufferedSink sink;
    private volatile boolean closing;
    private volatile Duration readTimeout;
    private int seq;

    private sealed interface Event permits Message, End {}

    private record Message(byte[] data) implements Event {}

    /** @param error null for a clean end */
    private record End(IOException error) implements Event {}

    /**
     * @param maxFrame the largest frame accepted
     * @param release frees what the OkHttp client holds, after close
     */
    GrpcFrameChannel(int maxFrame, Duration readTimeout, Runnable release) {
        this.maxFrame = maxFrame;
        this.readTimeout = readTimeout;
        this.release = release;
    }

    /** The call is open and its request body is ours to write ({@link GrpcDialer}). */
    void opened(Call call, BufferedSink sink) {
        this.call = call;
        this.sink = sink;
    }

    @Override
    public void send(byte[] frame) throws IOException {
        sendLock.lock();
        try {
            if (closing) {
                throw new IOException("cannot send on the gRPC stream: it is closed");
            }
            // grpc_driver.py numbers frames from 1 (a counter the receiver only logs)
            seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
            GrpcMessages.write(sink, seq, frame);
            sink.flush();
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw closed(e);
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public byte[] receive() throws IOException {
        Duration wait = readTimeout;
        Event e;
        try {
            e = wait.isZero() ? inbox.take() : inbox.poll(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a gRPC message");
        }
        if (e == null) {
            throw new SocketTimeoutException("no gRPC message within " + wait.toMillis() + " ms");
        }
        if (e instanceof Message m) {
            return m.data();
        }
        End end = (End) e;
        inbox.add(end); // the stream stays ended for later calls
        if (end.error() != null) {
            throw end.error();
        }
        return null;
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

    /** The response of the call: its messages go to the inbox until the stream ends. Runs on OkHttp's thread. */
    @Override
    public void onResponse(Call call, Response response) {
        try (response) {
            IOException notGrpc = notGrpc(response);
            if (notGrpc != null) {
                end(notGrpc);
                return;
            }
            String trailersOnly = response.header("grpc-status");
            if (trailersOnly != null) {
                end(status(trailersOnly, response.header("grpc-message")));
                return;
            }
            BufferedSource source = response.body().source();
            // this thread waits as long as the stream lives; receive() applies the read timeout
            source.timeout().clearTimeout().clearDeadline();
            for (byte[] data = GrpcMessages.read(source, maxFrame);
                    data != null;
                    data = GrpcMessages.read(source, maxFrame)) {
                if (!ended.get()) {
                    inbox.add(new Message(data));
                }
            }
            Headers trailers = response.trailers();
            end(status(trailers.get("grpc-status"), trailers.get("grpc-message")));
        } catch (IOException e) {
            end(closing ? null : closed(e));
        } catch (RuntimeException e) {
            end(closing ? null : new IOException("gRPC stream failed: " + e, e));
        }
    }

    /** The call failed before or while its response was read. Runs on OkHttp's thread. */
    @Override
    public void onFailure(Call call, IOException e) {
        end(closing ? null : closed(e));
    }

    /**
     * OkHttp reports a connection the server shut or reset as its HTTP/2 exceptions (without a message, e.g. when
     * a TLS 1.3 server refuses the client's certificate after the handshake): an end of stream, as a socket's EOF.
     */
    private static IOException closed(IOException e) {
        // "closed": okio's answer to a write on the stream of a connection that is gone
        if (e instanceof ConnectionShutdownException
                || e instanceof StreamResetException
                || "closed".equals(e.getMessage())) {
            EOFException eof = new EOFException("the server closed the HTTP/2 connection ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            eof.initCause(e);
            return eof;
        }
        return e;
    }

    private static IOException notGrpc(Response response) {
        String type = response.header("content-type", "");
        if (response.code() != 200) {
            return new GrpcStatusException("HTTP " + response.code()
                    + (response.message().isEmpty() ? "" : " " + response.message()) + " instead of a gRPC stream");
        }
        if (!type.startsWith("application/grpc")) {
            return new GrpcStatusException(
                    "a response of type '" + type + "' instead of a gRPC stream (application/grpc)");
        }
        return null;
    }

    /** Null for a clean end (OK, or CANCELLED as the server closes); else what ended the stream. */
    private static IOException status(String code, String message) {
        if (code == null) {
            return new GrpcStatusException("the gRPC stream ended without a status");
        }
        int value;
        try {
            value = Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return new GrpcStatusException("the gRPC stream ended with the invalid status '" + code + "'");
        }
        if (value == OK || value == CANCELLED) {
            return null;
        }
        return new GrpcStatusException(
                "the server ended the gRPC stream with " + GrpcStatusException.describe(value, message));
    }

    /** The end of the stream: null for a clean end, else what ended it; later ends are ignored. */
    void end(IOException error) {
        if (ended.compareAndSet(false, true)) {
            inbox.add(new End(error));
        }
    }

    /**
     * Half-closes our side (END_STREAM, as the Python client's output generator ending), then cancels the call. A
     * send still blocked in another thread (the server not taking data) is not waited for: the cancel ends it.
     */
    @Override
    public void close() {
        closing = true;
        try {
            if (sink != null && sendLock.tryLock()) {
                try {
                    sink.close();
                } catch (IOException | RuntimeException e) {
                    // the stream is going away anyway
                } finally {
                    sendLock.unlock();
                }
            }
        } finally {
            Call c = call;
            if (c != null) {
                c.cancel();
            }
            end(null);
            release.run();
        }
    }
}
