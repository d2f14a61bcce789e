package io.jenkins.plugins.nvflare.client.job;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Walks a job folder once into {@link JobFolder.Folder}s, with the attributes the walk reads anyway (one
 * {@code lstat} per entry, links not followed), and stops at the first symbolic link.
 */
final class FolderWalk extends SimpleFileVisitor<Path> {

    /** A symbolic link met while walking (walkFileTree does not follow links by default). */
    static final class LinkFound extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Path link;

        LinkFound(Path link) {
            super(String.valueOf(link));
            this.link = link;
        }

        Path link() {
            return link;
        }
    }

    private static final Comparator<JobFolder.JobFile> FILE_ORDER = Comparator.comparing(JobFolder.JobFile::name);
    private static final Comparator<JobFolder.Folder> FOLDER_ORDER = Comparator.comparing(JobFolder.Folder::name);

    /** A folder being walked: what it holds so far. */
    private record Open(String path, List<JobFolder.JobFile> files, List<JobFolder.Folder> folders) {}

    private final Path root;
    private final Deque<Open> open = new ArrayDeque<>();
    private JobFolder.Folder top;

    private FolderWalk(Path root) {
        this.root = root;
    }

    /**
     * What {@code root} holds.
     *
     * @throws LinkFound at the first symbolic link
     * @throws IOException when a folder or file cannot be read
     */
    static JobFolder.Folder walk(Path root) throws IOException {
        FolderWalk walk = new FolderWalk(root);
        Files.walkFileTree(root, walk);
        return walk.top;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (attrs.isSymbolicLink()) {
            throw new LinkFound(dir);
        }
        open.push(new Open(relative(dir), new ArrayList<>(), new ArrayList<>()));
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isSymbolicLink()) {
            throw new LinkFound(file);
        }
        if (attrs.isRegularFile()) {
            open.element().files().add(new JobFolder.JobFile(relative(file), attrs.size()));
        }
        // other special files (pipes, sockets, devices) are neither checked nor zipped
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
        if (failed != null) {
            throw failed;
        }
        Open done = open.pop();
        done.files().sort(FILE_ORDER);
        done.folders().sort(FOLDER_ORDER);
        JobFolder.Folder folder = new JobFolder.Folder(done.path(), done.files(), done.folders());
        if (open.isEmpty()) {
            top = folder;
        } else {
            open.element().folders().add(folder);
        }
        return FileVisitResult.CONTINUE;
    }

    private String relative(Path path) {
        StringBuilder relative = new StringBuilder();
        for (Path part : root.relativize(path)) {
            if (!part.toString().isEmpty()) {
                relative.append(relative.length() == 0 ? "" : "/").append(part);
            }
        }
        return relative.toString();
    }
}
