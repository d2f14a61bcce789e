package io.jenkins.plugins.nvflare.client.f3.sfm;

import java.io.Closeable;
import java.io.IOException;

/**
 * How a driver moves whole SFM frames (see {@link SfmCodec}): back to back on a TLS byte stream for
 * the {@code tcp} scheme ({@link StreamFrameChannel}), one binary websocket message each for
 * {@code http}/{@code https} ({@code WebSocketFrameChannel}). Sending may be called from several
 * threads; receiving is for one reader.
 */
public interface FrameChannel extends Closeable {
    /**
     * The most bytes a channel hands its TLS socket in one write, so one TLS record each: 8 KiB rather than the
     * 16 KiB a record can hold. The JDK (17) encrypts with its AES-CTR and GHASH intrinsics only once C2 has compiled
     * the per-record method that calls them, which happens after some thousand records; until then every byte goes
     * through plain-Java AES and GHASH. With 8 KiB records that point comes after half as many bytes: a fresh JVM's
     * 200 MB submit used about 0.3 s less CPU (4 KiB did no better), a warm one the same.
     */
    int TLS_WRITE = 8 * 1024;

    /** Sends the complete bytes of one encoded frame. */
    void send(byte[] frame) throws IOException;

    /**
     * The bytes of the next frame, waiting as long as the channel's read timeout allows.
     *
     * @return the frame's bytes, or {@code null} once the peer closed the connection cleanly
     */
    byte[] receive() throws IOException;

    /**
     * Changes how long later {@link #receive()} calls wait (the tcp socket's SO_TIMEOUT, the websocket inbox's
     * wait) and returns the previous value, so a caller can wait less for one answer and then restore it.
     */
    java.time.Duration readTimeout(java.time.Duration timeout) throws IOException;

    /** How long {@link #receive()} waits now; {@link java.time.Duration#ZERO} means without limit. */
    java.time.Duration readTimeout() throws IOException;
}
