package io.jenkins.plugins.nvflare.client.f3.sfm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How the {@code tcp} scheme's channel hands frames to its (TLS) stream. */
class StreamFrameChannelTest {

    /** Records the length of every write and every flush, as a TLS socket turns each write into records. */
    private static final class RecordingStream extends ByteArrayOutputStream {
        final List<Integer> writes = new ArrayList<>();
        int flushes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes.add(len);
            super.write(b, off, len);
        }

        @Override
        public void write(byte[] b) {
            write(b, 0, b.length);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void aLargeFrameGoesOutInWritesOfAtMostTlsWriteBytesInOrderThenOneFlush() throws IOException {
        RecordingStream out = new RecordingStream();
        StreamFrameChannel channel =
                new StreamFrameChannel(new ByteArrayInputStream(new byte[0]), out, new SfmCodec(1 << 20), () -> {});
        byte[] frame = new byte[3 * FrameChannel.TLS_WRITE + 5];
        new Random(3).nextBytes(frame);

        channel.send(frame);

        assertEquals(List.of(FrameChannel.TLS_WRITE, FrameChannel.TLS_WRITE, FrameChannel.TLS_WRITE, 5), out.writes);
        assertArrayEquals(frame, out.toByteArray());
        assertEquals(1, out.flushes);
    }

    @Test
    void framesUpToTlsWriteBytesGoOutInOneWrite() throws IOException {
        RecordingStream out = new RecordingStream();
        StreamFrameChannel channel =
                new StreamFrameChannel(new ByteArrayInputStream(new byte[0]), out, new SfmCodec(1 << 20), () -> {});

        channel.send(new byte[16]);
        channel.send(new byte[FrameChannel.TLS_WRITE]);

        assertEquals(List.of(16, FrameChannel.TLS_WRITE), out.writes);
        assertEquals(16 + FrameChannel.TLS_WRITE, out.size());
    }
}
