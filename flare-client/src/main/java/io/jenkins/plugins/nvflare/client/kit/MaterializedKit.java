package io.jenkins.plugins.nvflare.client.kit;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated admin kit on disk, ready to pass as {@code --startup-kit}. Closing it deletes the
 * private copy made by {@link StartupKit#materialize}; a kit opened with
 * {@link StartupKit#useDirectory} is left alone.
 */
public final class MaterializedKit implements AutoCloseable {

    private final Path kitDir;
    private final Path ownedDir;
    private final AdminKitInfo info;
    private final List<String> warnings;

    MaterializedKit(Path kitDir, Path ownedDir, AdminKitInfo info, List<String> warnings) {
        this.kitDir = kitDir;
        this.ownedDir = ownedDir;
        this.info = info;
        this.warnings = List.copyOf(warnings);
    }

    /** The kit folder (holding {@code startup/}). */
    public Path kitDir() {
        return kitDir;
    }

    public AdminKitInfo info() {
        return info;
    }

    /** Things the user should know but that do not stop the step, e.g. a certificate about to expire. */
    public List<String> warnings() {
        return warnings;
    }

    /** Deletes the private copy, if this is one. Never throws; safe to call twice. */
    @Override
    public void close() {
        if (ownedDir != null) {
            PrivateFiles.deleteQuietly(ownedDir);
        }
    }
}
