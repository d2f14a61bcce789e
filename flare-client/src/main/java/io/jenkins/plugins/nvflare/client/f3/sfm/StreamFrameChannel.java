package io.jenkins.plugins.nvflare.client.f3.sfm;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Frames back to back on a byte stream, the prefix's length field being the only framing
 * (drivers/socket_conn.py read_frame). The read timeout is the underlying socket's.
 */
final class StreamFrameChannel implements FrameChannel {
    private final InputStream in;
    private final OutputStream out;
    private final SfmCodec codec;
    private final Closeable underlying;

    /**
     * @param codec bounds the size of incoming frames
     * @param underlying closed by {@link #close()} (the socket)
     */
    StreamFrameChannel(InputStream in, OutputStream out, SfmCodec codec, Closeable underlying) {
        this.in = in;
        this.out = out;
        this.codec = codec;
        this.underlying = underlying;
    }

    /** Writes the frame {@link #TLS_WRITE} bytes at a time. */
    @Override
    public void send(byte[] frame) throws IOException {
        // A frame must go out whole: interleaved partial writes would corrupt the stream.
        synchronized (out) {
            for (int done = 0; done < frame.length; done += TLS_WRITE) {
                out.write(frame, done, Math.min(TLS_WRITE, frame.length - done));
            }
            out.flush();
        }
    }

    @Override
    public byte[] receive() throws IOException {
        return codec.readBytes(in);
    }

    /** The socket's SO_TIMEOUT; over a plain stream (not a socket) there is no timeout to change. */
    @Override
    public java.time.Duration readTimeout(java.time.Duration timeout) throws IOException {
        if (!(underlying instanceof java.net.Socket socket)) {
            return timeout;
        }
        java.time.Duration previous = java.time.Duration.ofMillis(socket.getSoTimeout());
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        return previous;
    }

    @Override
    public java.time.Duration readTimeout() throws IOException {
        return underlying instanceof java.net.Socket socket
                ? java.time.Duration.ofMillis(socket.getSoTimeout())
                : java.time.Duration.ZERO;
    }

    @Override
    public void close() throws IOException {
        underlying.close();
    }
}
