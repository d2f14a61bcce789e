package io.jenkins.plugins.nvflare.client.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the {@code nvflare} executable.
 *
 * @param executable the executable: a name looked up on {@code PATH} or a path
 * @param environment variables added to (or replacing those in) the inherited environment
 * @param connectTimeoutSeconds {@code --connect-timeout}; {@code null} keeps the CLI default (5 s)
 * @param workingDirectory the process's working directory; {@code null} inherits this JVM's
 * @param commandDeadline how long a command that does not wait for a job may run before it is
 *     killed; {@code wait}/{@code monitor} with a timeout get that timeout plus this deadline
 */
public record CliConfig(
        String executable,
        Map<String, String> environment,
        Double connectTimeoutSeconds,
        Path workingDirectory,
        Duration commandDeadline) {

    public static final Duration DEFAULT_COMMAND_DEADLINE = Duration.ofMinutes(10);

    /**
     * Whether {@code executable} reads like a command line rather than one file ({@code python -m nvflare},
     * {@code nvflare --debug}): it is run as a single file without arguments, so whitespace in it is either part of
     * a path (which then must exist as written) or a mistake. The forms warn, and a failed start says so.
     */
    public static boolean looksLikeCommandLine(String executable) {
        return executable != null && executable.strip().chars().anyMatch(Character::isWhitespace);
    }

    public CliConfig {
        if (executable == null || executable.isBlank()) {
            throw new IllegalArgumentException("executable must not be blank");
        }
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        if (connectTimeoutSeconds != null && !(connectTimeoutSeconds > 0)) {
            throw new IllegalArgumentException("connectTimeoutSeconds must be > 0, was " + connectTimeoutSeconds);
        }
        Objects.requireNonNull(commandDeadline, "commandDeadline");
        if (commandDeadline.isNegative() || commandDeadline.isZero()) {
            throw new IllegalArgumentException("commandDeadline must be positive, was " + commandDeadline);
        }
    }

    /** Names the environment variables but not their values, which may be secrets. */
    @Override
    public String toString() {
        return "CliConfig[executable=" + executable + ", environment=" + new java.util.TreeSet<>(environment.keySet())
                + ", connectTimeoutSeconds=" + connectTimeoutSeconds + ", workingDirectory=" + workingDirectory
                + ", commandDeadline=" + commandDeadline + "]";
    }

    /** {@code nvflare} from {@code PATH}, no extra environment, CLI default connect timeout, 10 minute deadline. */
    public static CliConfig defaults() {
        return new CliConfig("nvflare", Map.of(), null, null, DEFAULT_COMMAND_DEADLINE);
    }

    public CliConfig withExecutable(String newExecutable) {
        return new CliConfig(newExecutable, environment, connectTimeoutSeconds, workingDirectory, commandDeadline);
    }

    public CliConfig withEnvironment(Map<String, String> newEnvironment) {
        return new CliConfig(executable, newEnvironment, connectTimeoutSeconds, workingDirectory, commandDeadline);
    }

    public CliConfig withConnectTimeoutSeconds(Double newConnectTimeoutSeconds) {
        return new CliConfig(executable, environment, newConnectTimeoutSeconds, workingDirectory, commandDeadline);
    }

    public CliConfig withWorkingDirectory(Path newWorkingDirectory) {
        return new CliConfig(executable, environment, connectTimeoutSeconds, newWorkingDirectory, commandDeadline);
    }

    public CliConfig withCommandDeadline(Duration newCommandDeadline) {
        return new CliConfig(executable, environment, connectTimeoutSeconds, workingDirectory, newCommandDeadline);
    }
}
