package io.jenkins.plugins.nvflare;

import io.jenkins.plugins.nvflare.client.cli.CliConfig;
import java.io.File;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to run {@code nvflare} on the agent: the executable, the connect timeout and the build's
 * environment (so {@code withEnv(['PATH+VENV=...'])} finds a virtualenv's CLI).
 */
record FlareSettings(String executable, Double connectTimeoutSeconds, Map<String, String> environment)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    FlareSettings {
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

    /** Step options win over the global configuration; blank means "not set". */
    static FlareSettings resolve(String stepExecutable, Double stepConnectTimeout, Map<String, String> environment) {
        FlareGlobalConfiguration global = FlareGlobalConfiguration.get();
        String executable = stepExecutable != null && !stepExecutable.isBlank() ? stepExecutable.trim() : global.getExecutable();
        Double timeout = stepConnectTimeout != null ? stepConnectTimeout : global.getConnectTimeout();
        return new FlareSettings(executable == null ? "nvflare" : executable, timeout, environment);
    }

    /** The CLI configuration on the agent, running in the workspace. */
    CliConfig cliConfig(Path workspace) {
        return CliConfig.defaults()
                .withExecutable(onPath(executable, environment.get("PATH")))
                .withEnvironment(environment)
                .withConnectTimeoutSeconds(connectTimeoutSeconds)
                .withWorkingDirectory(workspace);
    }

    /**
     * The JVM looks a bare command up on its own PATH, not the child's: look it up on the build's
     * PATH first so a PATH set by the pipeline counts.
     */
    static String onPath(String executable, String path) {
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
