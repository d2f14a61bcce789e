package io.jenkins.plugins.nvflare.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the {@code nvflare} executable on its machine contract: arguments as a list (never a shell
 * string), {@code --format json} giving one envelope, or {@code --format jsonl} giving one JSON
 * event per line, read as the CLI writes them. Errors become {@link FlareException}s carrying
 * FLARE's error code, hint and exit code; broken output, a missing executable or a hang become
 * the local codes {@link ErrorCodes#CLI_OUTPUT_INVALID}, {@link ErrorCodes#CLI_NOT_FOUND} and
 * {@link ErrorCodes#CLI_DEADLINE_EXCEEDED}; output that is not the contract from a CLI older than it becomes
 * {@link ErrorCodes#FLARE_VERSION_UNSUPPORTED} ({@link CliVersionCheck}).
 */
public final class NvflareCli {

    /** Receives each JSON line of a stream as soon as the CLI has written it. */
    @FunctionalInterface
    public interface JsonlHandler {
        void onLine(JsonNode line) throws FlareException;
    }

    /** Far above any bounded result (logs are cut per site by FLARE); protects the JVM from a runaway process. */
    static final int MAX_ENVELOPE_CHARS = 64 * 1024 * 1024;

    private final CliConfig config;
    private final CliVersionCheck versionCheck;

    public NvflareCli(CliConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.versionCheck = new CliVersionCheck(config);
    }

    public CliConfig config() {
        return config;
    }

    /**
     * Runs {@code nvflare [--connect-timeout S] <args> --format json} and returns the envelope's
     * {@code data} (a JSON null node when it has none).
     *
     * @param args the arguments after the global options, e.g. {@code job meta <id> --startup-kit <dir>}
     * @param deadline kill the process after this long; {@code null} for no deadline
     */
    public JsonNode run(List<String> args, Duration deadline) throws FlareException, InterruptedException {
        try {
            return runJson(args, deadline);
        } catch (FlareException e) {
            throw versionCheck.explain(e);
        }
    }

    private JsonNode runJson(List<String> args, Duration deadline) throws FlareException, InterruptedException {
        String command = commandName(args);
        long deadlineNanos = CliProcess.deadlineFromNow(deadline);
        try (CliProcess process = CliProcess.start(argv(args, "json"), config, command)) {
            StringBuilder stdout = new StringBuilder();
            String line;
            while ((line = process.nextLine(deadlineNanos)) != null) {
                stdout.append(line).append('\n');
                if (stdout.length() > MAX_ENVELOPE_CHARS) {
                    throw Envelope.invalid(
                            command + " printed more than " + MAX_ENVELOPE_CHARS
                                    + " characters; that is not one JSON result.",
                            ExitCodes.LOCAL,
                            process.stderrTail());
                }
            }
            int exitCode = process.awaitExit(deadlineNanos);
            return Envelope.data(stdout.toString(), exitCode, process.stderrTail(), command);
        }
    }

    /**
     * Runs {@code nvflare [--connect-timeout S] <args> --format jsonl} and hands each JSON line to
     * {@code handler} as soon as it is read. An error envelope line is thrown as a FlareException;
     * a stream that ends without a {@code "terminal": true} line is {@link ErrorCodes#CLI_OUTPUT_INVALID}.
     *
     * @return the CLI's exit code
     */
    public int stream(List<String> args, Duration deadline, JsonlHandler handler)
            throws FlareException, InterruptedException {
        try {
            return streamJsonl(args, deadline, handler);
        } catch (FlareException e) {
            throw versionCheck.explain(e);
        }
    }

    private int streamJsonl(List<String> args, Duration deadline, JsonlHandler handler)
            throws FlareException, InterruptedException {
        String command = commandName(args);
        long deadlineNanos = CliProcess.deadlineFromNow(deadline);
        try (CliProcess process = CliProcess.start(argv(args, "jsonl"), config, command)) {
            boolean sawLine = false;
            boolean sawTerminal = false;
            String line;
            while ((line = process.nextLine(deadlineNanos)) != null) {
                if (line.isBlank()) {
                    continue;
                }
                sawLine = true;
                JsonNode node = Envelope.line(line, process.stderrTail(), command);
                sawTerminal |= node.path("terminal").asBoolean(false);
                // An error line carries its own exit_code; the process has not exited yet.
                Envelope.throwIfError(node, ExitCodes.LOCAL);
                handler.onLine(node);
            }
            int exitCode = process.awaitExit(deadlineNanos);
            if (!sawLine) {
                throw Envelope.invalid(
                        command + " printed nothing (exit code " + exitCode + ").", exitCode, process.stderrTail());
            }
            if (!sawTerminal) {
                // The stream's last event is always terminal; without it the CLI died mid-stream.
                throw Envelope.invalid(
                        command + " ended without a terminal event (exit code " + exitCode + ").",
                        exitCode,
                        process.stderrTail());
            }
            return exitCode;
        }
    }

    List<String> argv(List<String> args, String format) {
        List<String> argv = new ArrayList<>();
        argv.add(config.executable());
        if (config.connectTimeoutSeconds() != null) {
            // A global option: it must come before the command group (see 105-down-meta-connect-timeout-1).
            argv.add("--connect-timeout");
            argv.add(BigDecimal.valueOf(config.connectTimeoutSeconds())
                    .stripTrailingZeros()
                    .toPlainString());
        }
        argv.addAll(args);
        argv.add("--format");
        argv.add(format);
        return argv;
    }

    /** "nvflare job meta": names the command in messages without ids or paths. */
    static String commandName(List<String> args) {
        StringBuilder sb = new StringBuilder("nvflare");
        for (String arg : args) {
            if (arg.startsWith("-") || sb.chars().filter(c -> c == ' ').count() >= 2) {
                break;
            }
            sb.append(' ').append(arg);
        }
        return sb.toString();
    }
}
