package io.jenkins.plugins.nvflare.client.f3.sfm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;

/**
 * Tells an interrupt of the calling thread apart from a failing connection wherever the native transport
 * turns an {@link IOException} into a {@code FlareException} / {@code FlareApiException}: an interrupt must
 * reach the caller as {@link InterruptedException} (the Jenkins plugin aborts the FLARE job only then), not
 * as CONNECTION_FAILED. Two ways an interrupt shows up:
 * <ul>
 *   <li>{@code http} and {@code grpc} schemes: {@code WebSocketInbox} / {@code GrpcFrameChannel} wait
 *       interruptibly and throw an {@link InterruptedIOException} (not a {@link SocketTimeoutException}, which
 *       is also one) with the interrupt status set again;</li>
 *   <li>{@code tcp} scheme: a socket read ignores interrupts, so it returns or times out with the status
 *       still set; any I/O failure, and {@link #check() the end of a command}, while it is set counts as the
 *       interrupt (a file channel closed by the interrupt, {@code ClosedByInterruptException}, too).</li>
 * </ul>
 * As with {@link Thread#sleep}, the {@link InterruptedException} thrown here leaves the thread's interrupt
 * status <em>cleared</em>: whoever catches it decides (the plugin then aborts the job on the same thread).
 */
public final class Interrupts {
    private Interrupts() {}

    /**
     * Whether {@code e} (just caught on the calling thread) means that thread was interrupted: an interrupted
     * wait, or any failure while the interrupt status is set.
     */
    public static boolean isInterrupt(Exception e) {
        return (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException))
                || Thread.currentThread().isInterrupted();
    }

    /**
     * Throws {@link InterruptedException} (cause {@code e}, interrupt status cleared) when {@code e} is an
     * interrupt; otherwise returns, and the caller reports {@code e} as it did.
     */
    public static void rethrowIfInterrupt(Exception e) throws InterruptedException {
        if (isInterrupt(e)) {
            Thread.interrupted();
            throw interrupted(e);
        }
    }

    /** Throws {@link InterruptedException}, clearing the status, when the thread was interrupted meanwhile. */
    public static void check() throws InterruptedException {
        if (Thread.interrupted()) {
            throw interrupted(null);
        }
    }

    private static InterruptedException interrupted(Exception cause) {
        InterruptedException e = new InterruptedException("interrupted while talking to the FLARE server");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
