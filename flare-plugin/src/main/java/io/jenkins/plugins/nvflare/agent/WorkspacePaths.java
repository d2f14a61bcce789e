package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.FieldRules;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The guard for paths a step writes to: workspace-relative, and inside the workspace, also after symbolic links (a
 * link checked out from SCM must not send a write elsewhere on the agent).
 */
public final class WorkspacePaths {

    private WorkspacePaths() {}

    /**
     * {@code relative} resolved against {@code workspace}; {@code what} names it in the error. The forms check the
     * same text rule ({@link FieldRules#workspacePath}); only here can symbolic links be followed.
     */
    public static Path inside(Path workspace, String relative, String what) throws FlareException, IOException {
        String problem = FieldRules.workspacePath(relative, what);
        if (problem != null) {
            throw FlareException.local(ErrorCodes.UNSAFE_PATH, problem, Messages.FieldRules_usePath());
        }
        Path root = workspace.toAbsolutePath().normalize();
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw outside(what, relative);
        }
        if (Files.exists(root)) {
            Path realRoot = root.toRealPath();
            Path existing = resolved;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            // a dangling link counts as outside: where it would write is not known
            if (existing == null
                    || !Files.exists(existing)
                    || !existing.toRealPath().startsWith(realRoot)) {
                throw outside(what, relative);
            }
        }
        return resolved;
    }

    private static FlareException outside(String what, String relative) {
        return FlareException.local(
                ErrorCodes.UNSAFE_PATH, Messages.FieldRules_outsidePath(what, relative), Messages.FieldRules_usePath());
    }
}
