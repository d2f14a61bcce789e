package io.jenkins.plugins.nvflare.client.kit;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Owner-only folders and files for key material and staged uploads, and removing folder trees without following
 * links.
 *
 * <p>Owner-only means POSIX modes 0700 and 0600. A file system without them (Windows) has no such mode that
 * {@link java.io.File}'s permission setters could give: there they deny nothing to others (denying read is
 * refused outright, and a writable flag for the owner alone is the DOS read-only attribute, which they set and
 * clear again), so folders and files keep the access control list they inherit from the folder they are created
 * in.
 */
public final class PrivateFiles {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** A fresh folder only the current user can enter (0700 where the file system has POSIX modes, see above). */
    static Path createPrivateDirectory(Path parent, String prefix) throws IOException {
        Files.createDirectories(parent);
        if (POSIX) {
            return Files.createTempDirectory(
                    parent, prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory(parent, prefix);
    }

    /**
     * A fresh empty file in {@code dir} only the current user can read and write (0600 where the file system
     * has POSIX modes), e.g. for staging an upload; the caller deletes it.
     */
    public static Path createPrivateFile(Path dir, String prefix, String suffix) throws IOException {
        if (POSIX) {
            return Files.createTempFile(
                    dir,
                    prefix,
                    suffix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, prefix, suffix);
    }

    /** Folders 0700, files 0600: keys and certificates are for this user only. */
    static void restrict(Path root) throws IOException {
        if (!POSIX) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
            }
        }
    }

    /** Deletes a file or folder tree without following links (a link is removed, never its target). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(root);
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** {@link #deleteTree}, best effort: never throws; true when nothing is left. */
    static boolean deleteQuietly(Path root) {
        if (root == null) {
            return true;
        }
        try {
            deleteTree(root);
            return true;
        } catch (IOException e) {
            return !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
