package io.jenkins.plugins.nvflare.client;

import java.nio.file.Path;

/**
 * The name and the folder of a path, where {@link Path#getFileName()} and {@link Path#getParent()} answer
 * {@code null}: a bare relative name lies in the current folder (as Python's {@code os.path.dirname} says), and a
 * file system root, which has neither, is refused with its path in the message rather than a
 * {@link NullPointerException} further on.
 */
public final class PathParts {
    private PathParts() {}

    /** The last element of {@code path}, e.g. {@code job.py} of {@code jobs/job.py}. */
    public static String name(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            throw new IllegalArgumentException(path + " is a file system root: it names no file or folder");
        }
        return name.toString();
    }

    /**
     * The folder {@code path} is in: its parent, or the current folder (the empty path) for a bare relative name
     * such as {@code flare-results}.
     */
    public static Path folder(Path path) {
        Path parent = path.getParent();
        if (parent != null) {
            return parent;
        }
        if (path.getRoot() != null || path.getFileName() == null) {
            throw new IllegalArgumentException(path + " is a file system root: no folder holds it");
        }
        return path.getFileSystem().getPath("");
    }
}
