package io.jenkins.plugins.nvflare.client.f3.transfer;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Reads job files in buffers of its own (one reader per thread), reporting what cannot be read as the CLI does:
 * INTERNAL_ERROR, exit 5 (job_cli.py submit_job copies the folder with shutil.copytree, whose shutil.Error reaches
 * nvflare/cli.py's global handler).
 */
final class JobFileReader {
    static final int BUFFER_SIZE = 256 * 1024;

    /** What {@link #read} does with each buffer of a file: sign it, or write it to the zip. */
    @FunctionalInterface
    interface Chunks {
        void accept(byte[] buffer, int length) throws IOException, GeneralSecurityException;
    }

    private final SignedJobZip.FileOpener opener;
    private byte[] buffer;

    JobFileReader(SignedJobZip.FileOpener opener) {
        this.opener = opener;
    }

    /**
     * Reads {@code file} through {@code chunks} and returns its length; read failures are FlareExceptions.
     *
     * @throws IOException only from {@code chunks}
     */
    long read(Path file, Chunks chunks)
            throws IOException, GeneralSecurityException, FlareException, InterruptedException {
        if (buffer == null) {
            buffer = new byte[BUFFER_SIZE]; // one per reader, reused for every file
        }
        InputStream in = null;
        long size = 0;
        try {
            try {
                in = opener.open(file);
            } catch (IOException e) {
                throw unreadable("file", file, e);
            }
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while signing " + file);
                }
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw unreadable("file", file, e);
                }
                if (n < 0) {
                    return size;
                }
                chunks.accept(buffer, n);
                size += n;
            }
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // everything was read; a failing close of an input changes nothing
                }
            }
        }
    }

    /** A job file or folder that cannot be read (or the interrupt that stopped the read). */
    static FlareException unreadable(String what, Path path, IOException e) throws InterruptedException {
        if (interruption(e)) {
            throw interrupted(e);
        }
        return new FlareException(
                ErrorCodes.INTERNAL_ERROR,
                "Cannot read the job " + what + " " + path + ": " + describe(e),
                "Check that the " + what + " exists and that its permissions let the user running the"
                        + " build read it.",
                ExitCodes.INTERNAL_ERROR,
                null,
                e);
    }

    /** NoSuchFileException and friends carry only the path as message; name the kind of failure too. */
    static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : name.replace("Exception", "");
        }
        return e.getMessage() != null ? e.getMessage() : name;
    }

    static boolean interruption(IOException e) {
        return e instanceof ClosedByInterruptException
                || e instanceof InterruptedIOException
                || Thread.currentThread().isInterrupted();
    }

    static InterruptedException interrupted(IOException cause) {
        Thread.interrupted(); // InterruptedException reports the interrupt; clear the flag as a blocking call would
        InterruptedException e = new InterruptedException("interrupted while signing the job folder");
        e.initCause(cause);
        return e;
    }
}
