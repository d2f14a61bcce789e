package io.jenkins.plugins.nvflare.client.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job folder checked for a submit ({@link JobFolders#inspect}): the folder named, the folder FLARE gets, and what
 * that one holds, walked once. The local checks, the submit-token check ({@link SubmitTokens#tooLargeToHash}) and the
 * signed zip all read this value, so a submit walks the folder once, and what is zipped is what was checked: a file
 * added afterwards is not sent, and one changed or removed afterwards fails the zip.
 *
 * @param given the folder the user named
 * @param root the folder FLARE gets: {@code given} or its single sub-folder
 * @param top what {@code root} holds
 */
public record JobFolder(Path given, Path root, Folder top) {

    public JobFolder {
        Objects.requireNonNull(given, "given");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(top, "top");
    }

    /**
     * A folder of the job: its regular files and its sub-folders, each sorted by name (symbolic links were refused,
     * other special files are left out, as the zip leaves them out).
     *
     * @param path relative to the job's root, with {@code /}; empty for the root
     */
    public record Folder(String path, List<JobFile> files, List<Folder> folders) {
        public Folder {
            Objects.requireNonNull(path, "path");
            files = List.copyOf(files);
            folders = List.copyOf(folders);
        }

        /** The last part of {@link #path()} (empty for the root). */
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        /** The file called {@code name} in this folder. */
        public Optional<JobFile> file(String name) {
            return files.stream().filter(f -> f.name().equals(name)).findFirst();
        }

        /** The sub-folder called {@code name}. */
        public Optional<Folder> folder(String name) {
            return folders.stream().filter(f -> f.name().equals(name)).findFirst();
        }
    }

    /**
     * A regular file of the job, with its size when the folder was walked.
     *
     * @param path relative to the job's root, with {@code /}
     */
    public record JobFile(String path, long size) {
        public JobFile {
            Objects.requireNonNull(path, "path");
        }

        /** The last part of {@link #path()}. */
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** Every file of the job, folder by folder (a folder's files before its sub-folders'), each sorted by name. */
    public List<JobFile> files() {
        List<JobFile> all = new ArrayList<>();
        addFiles(top, all);
        return all;
    }

    /** The folder at {@code path} relative to the root ({@code a/b}; empty for the root). */
    public Optional<Folder> folder(String path) {
        Optional<Folder> at = Optional.of(top);
        if (path.isEmpty()) {
            return at;
        }
        for (String part : path.split("/", -1)) {
            at = at.flatMap(f -> f.folder(part));
        }
        return at;
    }

    /** Whether {@code path} (relative to the root) is a regular file of the job. */
    public boolean hasFile(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        return folder(slash < 0 ? "" : path.substring(0, slash))
                .flatMap(f -> f.file(name))
                .isPresent();
    }

    /** The file at {@code file} on disk. */
    public Path resolve(JobFile file) {
        return resolve(file.path());
    }

    /** The file or folder at {@code path} (relative to the root, with {@code /}) on disk. */
    public Path resolve(String path) {
        Path at = root;
        if (!path.isEmpty()) {
            for (String part : path.split("/", -1)) {
                at = at.resolve(part);
            }
        }
        return at;
    }

    private static void addFiles(Folder folder, List<JobFile> all) {
        all.addAll(folder.files());
        for (Folder sub : folder.folders()) {
            addFiles(sub, all);
        }
    }
}
