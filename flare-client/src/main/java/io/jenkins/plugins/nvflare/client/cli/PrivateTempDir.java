package io.jenkins.plugins.nvflare.client.cli;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The temporary folder one {@code nvflare} process gets to itself ({@code TMPDIR}, {@code TEMP} and
 * {@code TMP} point at it), removed with everything in it once the process is gone. {@code nvflare job
 * submit} copies and zips the whole job into the temporary folder ({@code job_cli.py} {@code mkdtemp},
 * {@code file_transfer.py} {@code tempfile.gettempdir()}); a process stopped before its {@code finally}
 * ran (Python does not clean up on SIGTERM or SIGKILL) would otherwise leave that copy behind.
 */
final class PrivateTempDir implements AutoCloseable {
    static final String PREFIX = "nvflare-cli-";
    static final String[] VARIABLES = {"TMPDIR", "TEMP", "TMP"};

    private final Path dir;

    private PrivateTempDir(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates an owner-only folder in {@code parent} (the configured {@code TMPDIR}, else {@code java.io.tmpdir}).
     *
     * @throws FlareException OUTPUT_DIR_NOT_WRITABLE (exit -1, as when the native transport cannot stage its
     *     zip) when the folder cannot be created
     */
    static PrivateTempDir create(Map<String, String> configured) throws FlareException {
        String parent = configured.getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir"));
        try {
            Path dir = supportsPosix(Path.of(parent))
                    ? Files.createTempDirectory(
                            Path.of(parent),
                            PREFIX,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(Path.of(parent), PREFIX);
            return new PrivateTempDir(dir);
        } catch (IOException | RuntimeException e) {
            throw new FlareException(
                    ErrorCodes.OUTPUT_DIR_NOT_WRITABLE,
                    "cannot create a temporary folder for nvflare in " + parent + ": " + e.getMessage(),
                    "Make the agent's temporary folder (TMPDIR or java.io.tmpdir) writable.",
                    ExitCodes.LOCAL,
                    null,
                    e);
        }
    }

    private static boolean supportsPosix(Path parent) {
        return parent.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    Path path() {
        return dir;
    }

    /** Points the temporary-folder variables of a child's environment at this folder. */
    void export(Map<String, String> environment) {
        for (String name : VARIABLES) {
            environment.put(name, dir.toString());
        }
    }

    /** Deletes the folder and what the process left in it; symbolic links are removed, never followed. */
    @Override
    public void close() {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return delete(file);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return delete(file);
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    return delete(d);
                }
            });
        } catch (IOException e) {
            // Best effort (delete goes on past what it cannot remove): the folder's name says whose it is.
        }
    }

    private static FileVisitResult delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // e.g. a folder the process made unreadable: keep going with the rest
        }
        return FileVisitResult.CONTINUE;
    }
}
