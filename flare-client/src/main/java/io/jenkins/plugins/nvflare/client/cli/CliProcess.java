package io.jenkins.plugins.nvflare.client.cli;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running {@code nvflare} process: hands out stdout line by line as it is written, keeps the
 * tail of stderr, and stops the process (and everything it started) at a deadline, on interrupt or
 * on close: SIGTERM first, SIGKILL for whatever is still running after {@link #STOP_GRACE}. The
 * process has a private temporary folder ({@link PrivateTempDir}), removed once it is gone, so an
 * interrupted submit leaves no copy of the job behind.
 *
 * <p>Stdout is read on a helper thread and passed through a queue so that the calling thread
 * waits in an interruptible {@code poll}: a blocking pipe read cannot be interrupted.
 */
final class CliProcess implements AutoCloseable {

    /** How long a stopped process may take to exit after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** Marks the end of stdout in the queue. */
    private static final Object EOF = new Object();

    private final Process process;
    private final String commandName;
    private final BlockingQueue<Object> stdoutLines = new LinkedBlockingQueue<>();
    private final StderrTail stderr = new StderrTail();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private final PrivateTempDir tempDir;
    private final Duration stopGrace;
    private boolean stdoutDone;

    private CliProcess(Process process, String commandName, PrivateTempDir tempDir, Duration stopGrace) {
        this.process = process;
        this.commandName = commandName;
        this.tempDir = tempDir;
        this.stopGrace = stopGrace;
        this.stdoutReader = new Thread(this::readStdout, "nvflare-stdout-" + process.pid());
        this.stderrReader =
                new Thread(() -> stderr.consume(process.getErrorStream()), "nvflare-stderr-" + process.pid());
        stdoutReader.setDaemon(true);
        stderrReader.setDaemon(true);
        stdoutReader.start();
        stderrReader.start();
    }

    /** Starts {@code argv} (argv[0] is the executable); never goes through a shell. */
    static CliProcess start(List<String> argv, CliConfig config, String commandName) throws FlareException {
        return start(argv, config, commandName, STOP_GRACE);
    }

    static CliProcess start(List<String> argv, CliConfig config, String commandName, Duration stopGrace)
            throws FlareException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (config.workingDirectory() != null) {
            builder.directory(config.workingDirectory().toFile());
        }
        Map<String, String> env = builder.environment();
        env.putAll(config.environment());
        // Python block-buffers a piped stdout; unbuffered output keeps monitor events live.
        env.putIfAbsent("PYTHONUNBUFFERED", "1");
        PrivateTempDir tempDir = PrivateTempDir.create(config.environment());
        tempDir.export(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            tempDir.close();
            throw new FlareException(
                    ErrorCodes.CLI_NOT_FOUND,
                    "Could not run the NVFlare CLI '" + config.executable() + "': " + e.getMessage(),
                    CliConfig.looksLikeCommandLine(config.executable())
                            ? "The executable is run as one file, without arguments: configure the path of the"
                                    + " nvflare executable itself, or put its folder on the PATH."
                            : "Install NVFlare on this agent (pip install nvflare) so that 'nvflare' is on the PATH,"
                                    + " or configure the full path to the nvflare executable.",
                    ExitCodes.LOCAL,
                    Map.of("executable", config.executable()),
                    e);
        }
        try {
            // No prompt may ever wait for input: the CLI gets EOF at once.
            process.getOutputStream().close();
        } catch (IOException e) {
            // The process may already be gone; its exit code will tell.
        }
        return new CliProcess(process, commandName, tempDir, stopGrace);
    }

    private void readStdout() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                stdoutLines.add(line);
            }
        } catch (IOException e) {
            // Pipe closed because the process was killed: treat as end of output.
        } finally {
            stdoutLines.add(EOF);
        }
    }

    /**
     * The next stdout line as soon as the process has written it, or {@code null} at the end of
     * stdout.
     *
     * @param deadlineNanos {@link System#nanoTime()} value at which the process is killed, or
     *     {@link Long#MAX_VALUE} for none
     */
    String nextLine(long deadlineNanos) throws FlareException, InterruptedException {
        if (stdoutDone) {
            return null;
        }
        Object item;
        try {
            item = deadlineNanos == Long.MAX_VALUE
                    ? stdoutLines.take()
                    : stdoutLines.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill();
            throw e;
        }
        if (item == null) {
            throw deadlineExceeded();
        }
        if (item == EOF) {
            stdoutDone = true;
            return null;
        }
        return (String) item;
    }

    /** Waits for the process to exit and returns its exit code. */
    int awaitExit(long deadlineNanos) throws FlareException, InterruptedException {
        try {
            if (deadlineNanos == Long.MAX_VALUE) {
                process.waitFor();
            } else if (!process.waitFor(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw deadlineExceeded();
            }
            // The stderr pipe may still hold the last lines; they explain failures.
            stderrReader.join(2000);
        } catch (InterruptedException e) {
            kill();
            throw e;
        }
        return process.exitValue();
    }

    String stderrTail() {
        return stderr.text();
    }

    long pid() {
        return process.pid();
    }

    private FlareException deadlineExceeded() {
        kill();
        String tail = stderrTail();
        return new FlareException(
                ErrorCodes.CLI_DEADLINE_EXCEEDED,
                "'" + commandName + "' did not finish in time and was killed."
                        + (tail.isEmpty() ? "" : "\nstderr (last lines):\n" + tail),
                "Check that the FLARE server is reachable from this agent, or raise the command deadline.",
                ExitCodes.LOCAL,
                Map.of());
    }

    /**
     * Stops the process and its descendants (the CLI may have started helpers that hold the pipes): SIGTERM,
     * then SIGKILL for those still alive after the grace period (at once when interrupted while waiting).
     */
    void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        boolean interrupted = false;
        try {
            long until = System.nanoTime() + stopGrace.toNanos();
            if (process.waitFor(stopGrace.toNanos(), TimeUnit.NANOSECONDS)) {
                // not our children: no exit event to wait for, so look every few milliseconds (onExit polls slower)
                while (descendants.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        process.destroyForcibly();
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops what is still running and removes the private temporary folder with what the process left in it. */
    @Override
    public void close() {
        try {
            if (process.isAlive() || process.descendants().findAny().isPresent()) {
                kill();
            }
        } finally {
            tempDir.close();
        }
    }

    /** Remaining time until a deadline given as a duration from now; {@code null} means no deadline. */
    static long deadlineFromNow(Duration timeout) {
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        long nanos = timeout.toNanos();
        long now = System.nanoTime();
        return nanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE - 1 : now + nanos;
    }
}
