package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.nio.file.Path;

/** The guard for paths a step writes to: workspace-relative, and inside the workspace. */
public final class WorkspacePaths {

    private WorkspacePaths() {}

    /** {@code relative} resolved against {@code workspace}; {@code what} names it in the error. */
    public static Path inside(Path workspace, String relative, String what) throws FlareException {
        Path root = workspace.toAbsolutePath().normalize();
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw FlareException.local(
                    ErrorCodes.UNSAFE_PATH,
                    what + " '" + relative + "' is outside the workspace.",
                    "Use a path relative to the workspace.");
        }
        return resolved;
    }
}
