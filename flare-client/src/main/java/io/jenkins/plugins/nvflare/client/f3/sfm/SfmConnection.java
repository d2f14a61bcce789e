package io.jenkins.plugins.nvflare.client.f3.sfm;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * One SFM connection over a {@link FrameChannel} (TCP byte stream or websocket): numbers outgoing frames
 * (sequence per connection, stream ids per endpoint, both wrapping at 16 bits like sfm_conn.py /
 * sfm_endpoint.py), performs the HELLO/READY handshake and answers heartbeats while reading.
 * Sending is thread-safe; reading is meant for one reader thread.
 */
public final class SfmConnection implements Closeable {
    private static final byte[] NIL = {(byte) 0xc0};
    private final FrameChannel channel;
    private final SfmCodec codec;
    private final Object sendLock = new Object();
    private int sequence;
    private int streamId;

    /** Over a byte stream (the TCP driver's framing); {@code underlying} is closed with the connection. */
    public SfmConnection(InputStream in, OutputStream out, SfmCodec codec, Closeable underlying) {
        this(new StreamFrameChannel(in, out, codec, underlying), codec);
    }

    /**
     * @param codec encodes and decodes frames; its size limit applies to both directions
     */
    public SfmConnection(FrameChannel channel, SfmCodec codec) {
        this.channel = channel;
        this.codec = codec;
    }

    /** Sends a frame, replacing its sequence number with this connection's next one. */
    public void send(SfmFrame frame) throws IOException {
        synchronized (sendLock) {
            sequence = (sequence + 1) & 0xffff;
            channel.send(codec.encode(frame, sequence));
        }
    }

    /** The next stream id (1, 2, ... 65535, 0, 1, ...), as SfmEndpoint.next_stream_id. */
    public int nextStreamId() {
        synchronized (sendLock) {
            streamId = (streamId + 1) & 0xffff;
            return streamId;
        }
    }

    /** Sets how long later receives wait; returns the previous value ({@link FrameChannel#readTimeout}). */
    public Duration readTimeout(Duration timeout) throws IOException {
        return channel.readTimeout(timeout);
    }

    /** How long receives wait now; {@link Duration#ZERO} means without limit. */
    public Duration readTimeout() throws IOException {
        return channel.readTimeout();
    }

    /** Connecting side: HELLO out, then the peer's READY. */
    public SfmHandshake connect(SfmHandshake mine) throws IOException {
        send(mine.toFrame(SfmFrameType.HELLO, 0));
        return awaitHandshake(SfmFrameType.READY);
    }

    /** Listening side: the peer's HELLO, then READY out. */
    public SfmHandshake accept(SfmHandshake mine) throws IOException {
        SfmHandshake peer = awaitHandshake(SfmFrameType.HELLO);
        send(mine.toFrame(SfmFrameType.READY, 0));
        return peer;
    }

    /**
     * The next DATA frame. PING is answered with PONG and PONG is dropped on the way, as
     * conn_manager.process_frame_task does; a handshake frame after the handshake is a protocol error.
     *
     * @return the frame, or null when the peer closed the connection cleanly
     */
    public SfmFrame receiveData() throws IOException {
        return receiveData(0);
    }

    /**
     * As {@link #receiveData()}, but gives up with a {@link SocketTimeoutException} at {@code deadlineNanos}
     * ({@link System#nanoTime()}; 0 = only the channel's own read timeout), however many heartbeats arrive
     * meanwhile: a PING resets a socket's read timeout, so without a deadline a request the server never
     * answers would wait forever on a connection FLARE keeps alive every 60 s.
     */
    public SfmFrame receiveData(long deadlineNanos) throws IOException {
        while (true) {
            SfmFrame f = deadlineNanos == 0 ? next() : nextBefore(deadlineNanos);
            if (f == null) {
                return null;
            }
            SfmFrameType type = SfmFrameType.of(f.type())
                    .orElseThrow(() -> new SfmFrameException("unsupported SFM frame type " + f.type()));
            switch (type) {
                case DATA:
                    return f;
                case PING:
                    // send_heartbeat -> send_dict(data=None): the payload is msgpack nil, one byte 0xc0.
                    send(new SfmFrame(SfmFrameType.PONG.code(), 0, 0, nextStreamId(), 0, Map.of(), NIL));
                    break;
                case PONG:
                    break;
                default:
                    throw new SfmFrameException("unexpected " + type + " frame after the handshake");
            }
        }
    }

    private SfmHandshake awaitHandshake(SfmFrameType expected) throws IOException {
        SfmFrame f = next();
        if (f == null) {
            throw new EOFException("connection closed before the SFM handshake (" + expected + ")");
        }
        if (f.type() != expected.code()) {
            throw new SfmFrameException("expected an SFM " + expected + " frame, got " + f);
        }
        return SfmHandshake.fromFrame(f);
    }

    private SfmFrame nextBefore(long deadlineNanos) throws IOException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("no reply in time");
        }
        Duration previous = channel.readTimeout(Duration.ofNanos(remaining));
        try {
            return next();
        } finally {
            channel.readTimeout(previous);
        }
    }

    private SfmFrame next() throws IOException {
        byte[] bytes = channel.receive();
        return bytes == null ? null : codec.decode(bytes);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
