package io.jenkins.plugins.nvflare;

import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.cli.CliConfig;
import io.jenkins.plugins.nvflare.client.cli.CliFlareClient;
import io.jenkins.plugins.nvflare.client.f3.NativeFlareClient;
import java.io.File;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to reach FLARE from the agent: the transport, the {@code nvflare} executable, the connect
 * timeout and the build's environment (so {@code withEnv(['PATH+VENV=...'])} finds a virtualenv's CLI). A value:
 * {@link FlareGlobalConfiguration#settings} resolves it on the controller, the agent uses it.
 */
public record FlareSettings(
        FlareTransport transport, String executable, Double connectTimeoutSeconds, Map<String, String> environment)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public FlareSettings {
        transport = transport == null ? FlareTransport.DEFAULT : transport;
        TreeMap<String, String> env = new TreeMap<>();
        if (environment != null) {
            // The CLI configuration copies the map, which refuses nulls.
            environment.forEach((k, v) -> {
                if (k != null && v != null) {
                    env.put(k, v);
                }
            });
        }
        environment = env;
    }

    /** Without the environment: it can hold secrets (withCredentials) and must not reach a log. */
    @Override
    public String toString() {
        return "FlareSettings[transport=" + transport.value() + ", executable=" + executable
                + ", connectTimeoutSeconds=" + connectTimeoutSeconds + ", environment=<" + environment.size()
                + " variables>]";
    }

    /** Whether a client holds a login worth keeping between a step's calls (the CLI logs in per process). */
    public boolean keepsSessions() {
        return transport == FlareTransport.NATIVE;
    }

    /**
     * The client for one call on the agent: the kit folder is the materialised kit, the workspace the working
     * folder, and the native transport stages a job's signed zip in {@code tempDir} (beside the workspace, like
     * the kit) while it uploads it.
     */
    public FlareClient client(Path workspace, Path kitDir, Path tempDir) {
        if (transport == FlareTransport.NATIVE) {
            // The native transport waits this long to connect and for each server answer.
            return new NativeFlareClient(
                    kitDir,
                    connectTimeoutSeconds == null
                            ? NativeFlareClient.DEFAULT_TIMEOUT
                            : Duration.ofMillis(Math.max(1, Math.round(connectTimeoutSeconds * 1000))),
                    tempDir);
        }
        return new CliFlareClient(cliConfig(workspace), kitDir);
    }

    /** The CLI configuration on the agent, running in the workspace. */
    public CliConfig cliConfig(Path workspace) {
        return processConfig(workspace, executable).withConnectTimeoutSeconds(connectTimeoutSeconds);
    }

    /** How to run a job script's Python on the agent: the build's environment, {@code python3} unless told otherwise. */
    public CliConfig pythonConfig(Path workspace, String python) {
        return processConfig(workspace, python == null || python.isBlank() ? "python3" : python.trim());
    }

    /** A process on the agent: {@code command} looked up on the build's PATH, the build's environment, in the workspace. */
    private CliConfig processConfig(Path workspace, String command) {
        return CliConfig.defaults()
                .withExecutable(onPath(command, environment.get("PATH")))
                .withEnvironment(environment)
                .withWorkingDirectory(workspace);
    }

    /**
     * The JVM looks a bare command up on its own PATH, not the child's: look it up on the build's
     * PATH first so a PATH set by the pipeline counts.
     */
    public static String onPath(String executable, String path) {
        if (executable.contains("/") || executable.contains(File.separator) || path == null) {
            return executable;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return executable;
    }
}
