package io.jenkins.plugins.nvflare.client.f3.transfer;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.PathParts;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException;
import io.jenkins.plugins.nvflare.client.f3.errors.ReplyCheck;
import io.jenkins.plugins.nvflare.client.f3.hci.HciArgs;
import io.jenkins.plugins.nvflare.client.f3.hci.HciCommands;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.job.JobCommands;
import io.jenkins.plugins.nvflare.client.f3.job.MonitorData;
import io.jenkins.plugins.nvflare.client.f3.job.PollClock;
import io.jenkins.plugins.nvflare.client.f3.session.AdminLogin;
import io.jenkins.plugins.nvflare.client.f3.sfm.Interrupts;
import io.jenkins.plugins.nvflare.client.kit.PrivateFiles;
import io.jenkins.plugins.nvflare.client.kit.SafeZip;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code download_job} as the admin client does it (client/file_transfer.py pull_folder / pull_binary_file):
 * the hci command {@code job_mgmt.download_job <job_id>} makes the server stage the job's files and answer
 * with {@code meta.source_fqcn}, {@code meta.tx_id} and {@code meta.files} = {@code [[relative path, ref id], ...]}
 * (hci/server/binary_transfer.py:74-97); each file is then pulled with {@link ObjectDownload}, zips are
 * unpacked next to themselves ({@code workspace.zip} → {@code workspace/}) and the folder becomes
 * {@code <outputDir>/<job_id>}. Unlike Python, everything lands in a hidden staging folder first and
 * is moved into place only when complete, and archive entries are checked with {@link SafeZip}.
 */
public final class JobDownload {
    static final String DOWNLOAD_COMMAND = "job_mgmt.download_job";
    /**
     * AdminCommandNames.DOWNLOAD_JOB: flare_api's download_job_result runs {@code "download_job " + job_id}
     * (flare_api.py:510) and its errors quote that, not the wire command (seen on a live 2.9 server:
     * "user not authorized for the action 'download_job <id>: ...'").
     */
    static final String API_DOWNLOAD_COMMAND = "download_job";

    private static final String UNSAFE_HINT = "The server sent a path outside the download folder; nothing was kept.";
    /** Generous caps: a job result holds models, but not millions of files or terabytes. */
    static final SafeZip.Policy DOWNLOAD_ZIP = new SafeZip.Policy(
            "downloaded job archive",
            ErrorCodes.INTERNAL_ERROR,
            "The server sent a damaged archive; check the server log and download again.",
            UNSAFE_HINT,
            500_000,
            64L * 1024 * 1024 * 1024,
            false);

    /** One file the server offers: where it goes below the job folder and the ref to pull it by. */
    record RemoteFile(String path, String refId) {}

    private JobDownload() {}

    /**
     * Downloads a finished job's result to {@code outputDir/<jobId>} and returns that folder, checking first,
     * like cmd_job_download (job_cli.py:1687-1716), that the job has finished and that the destination is free.
     *
     * @param force replace an existing {@code outputDir/<jobId>} (only once the new download is complete)
     * @param study the study logged in to, for the messages; null means {@code default}
     * @throws FlareException what {@code nvflare job download} reports ({@link CliErrors.Op#DOWNLOAD}): INVALID_ARGS
     *     (destination exists), JOB_NOT_FOUND, JOB_NOT_DONE, AUTH_FAILED, CONNECTION_FAILED (no answer, or the
     *     transfer broke off; nothing is left behind), OUTPUT_DIR_NOT_WRITABLE (creating, writing or closing a
     *     local file or folder failed, as the CLI reports an OSError); and UNSAFE_PATH for hostile paths
     * @throws InterruptedException the calling thread was interrupted ({@link Interrupts}; its status is cleared),
     *     also while pausing before a timed-out chunk request is re-sent
     */
    public static Path download(AdminLogin.Session session, String jobId, Path outputDir, boolean force, String study)
            throws FlareException, InterruptedException {
        HciCommands hci = line -> session.command(line, LocalDateTime.now());
        List<RemoteFile> files;
        String source;
        Path destination;
        try {
            // The server judges the id first, as for the CLI: "a b" is JOB_NOT_FOUND.
            Object status =
                    new JobCommands(hci, PollClock.SYSTEM).jobMeta(jobId).get("status");
            if (status instanceof String s && !s.isEmpty() && !MonitorData.cliTerminal(s)) {
                throw CliErrors.jobNotDone(jobId, "current status: " + s, study);
            }
            if (!jobId.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                // The id becomes a folder name under outputDir; the CLI joins it unchecked.
                throw new FlareException(
                        ErrorCodes.INVALID_ARGS,
                        CliErrors.withDetail(
                                "Invalid arguments.", "job id '" + jobId + "' cannot name a download folder"),
                        "Pass the id FLARE assigned.",
                        ExitCodes.INVALID_ARGS,
                        null);
            }
            destination = outputDir.toAbsolutePath().normalize().resolve(jobId);
            if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS) && !force) {
                throw CliErrors.downloadExists(destination.toString());
            }
            String command = HciArgs.join(List.of(DOWNLOAD_COMMAND, jobId));
            HciReply reply = JobCommands.send(hci, command);
            ReplyCheck.check(API_DOWNLOAD_COMMAND + " " + jobId, reply, true);
            source = reply.meta().get("source_fqcn") instanceof String s && !s.isEmpty() ? s : null;
            files = files(reply.meta().get("files"));
        } catch (FlareApiException e) {
            throw CliErrors.map(e, CliErrors.Op.DOWNLOAD, jobId, study);
        }
        if (source == null || files.isEmpty()) {
            throw CliErrors.internal("The FLARE server offered nothing to download for job " + jobId + ".");
        }
        try {
            return fetch(session, source, files, destination);
        } catch (IOException e) {
            // The pull's failures are CONNECTION_FAILED in fetch; what is left is local, as Python's OSError.
            Interrupts.rethrowIfInterrupt(e);
            throw CliErrors.outputDirNotWritable(PathParts.folder(destination).toString(), localDetail(e));
        }
    }

    /**
     * Pulls every file into a hidden staging folder, unpacks the zips and moves the result into place.
     *
     * @throws IOException a local file or folder could not be created, written, closed or moved
     * @throws FlareException CONNECTION_FAILED when the pull itself failed; the archive and path checks
     */
    private static Path fetch(AdminLogin.Session session, String source, List<RemoteFile> files, Path destination)
            throws IOException, FlareException, InterruptedException {
        Files.createDirectories(PathParts.folder(destination));
        // Not createTempDirectory: its owner-only mode would stick to the result, which Python creates with the umask.
        Path staging = Files.createDirectory(
                destination.resolveSibling("." + destination.getFileName() + ".download-" + UUID.randomUUID()));
        boolean done = false;
        try {
            ObjectDownload pull =
                    new ObjectDownload(session.cell(), session.auth().headers());
            List<Path> zips = new ArrayList<>();
            for (RemoteFile file : files) {
                Path target = inside(staging, file.path());
                pullFile(pull, source, file, target);
                if (file.path().endsWith(".zip")) {
                    zips.add(target);
                }
            }
            // Unzip after all files are in, as pull_folder does, so a slow unzip cannot stall the transfer.
            for (Path zip : zips) {
                String name = PathParts.name(zip);
                Path folder = Files.createDirectories(zip.resolveSibling(name.substring(0, name.length() - 4)));
                SafeZip.extract(zip, folder, DOWNLOAD_ZIP);
                Files.delete(zip);
            }
            if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
                PrivateFiles.deleteTree(destination);
            }
            Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return destination;
        } finally {
            if (!done) {
                deleteQuietly(staging);
            }
        }
    }

    /**
     * Pulls one file into {@code target}. Only the pull's own I/O is the connection's (CONNECTION_FAILED);
     * creating the folder and the file (e.g. the server offering the same path twice), writing and closing
     * it are local and leave as {@link IOException}.
     */
    private static void pullFile(ObjectDownload pull, String source, RemoteFile file, Path target)
            throws IOException, FlareException, InterruptedException {
        Files.createDirectories(PathParts.folder(target));
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            try {
                pull.pull(source, file.refId(), new TrackedFile(out));
            } catch (IOException e) {
                Interrupts.rethrowIfInterrupt(e);
                if (TrackedFile.isWriteFailure(e)) {
                    throw e;
                }
                throw CliErrors.connectionFailed("the download of " + file.path() + " broke off: " + e.getMessage(), e);
            } catch (FlareException e) {
                Interrupts.rethrowIfInterrupt(e);
                throw e;
            }
        }
        Interrupts.check(); // the last reply came over a tcp read that ignored an interrupt
    }

    /**
     * What failed locally, in the words of Python's OSError ("File exists: 'path'") where Java's exception
     * names only the path.
     */
    static String localDetail(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() == null && fs.getFile() != null) {
            String reason = e instanceof FileAlreadyExistsException
                    ? "File exists"
                    : e instanceof NoSuchFileException
                            ? "No such file or directory"
                            : e instanceof AccessDeniedException
                                    ? "Permission denied"
                                    : e instanceof NotDirectoryException
                                            ? "Not a directory"
                                            : e instanceof DirectoryNotEmptyException ? "Directory not empty" : null;
            if (reason != null) {
                return reason + ": '" + fs.getFile() + "'"
                        + (fs.getOtherFile() == null ? "" : " -> '" + fs.getOtherFile() + "'");
            }
        }
        return e.getMessage();
    }

    /** A file being downloaded, telling its own write failures apart from the connection's. */
    private static final class TrackedFile extends FilterOutputStream {
        TrackedFile(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }

        static boolean isWriteFailure(IOException e) {
            return e instanceof WriteFailure;
        }
    }

    private static final class WriteFailure extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            PrivateFiles.deleteTree(root);
        } catch (IOException ignored) {
            // the original failure matters more; a leftover hidden staging folder is harmless
        }
    }

    /** {@code meta.files}: a list of {@code [relative path, ref id]} pairs. */
    static List<RemoteFile> files(Object value) throws FlareException {
        List<RemoteFile> files = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof List<?> pair)
                        || pair.size() < 2
                        || !(pair.get(0) instanceof String path)
                        || !(pair.get(1) instanceof String ref)) {
                    throw FlareException.local(
                            ErrorCodes.INTERNAL_ERROR,
                            "The FLARE server listed a download file as " + item + ".",
                            "Check that the server runs a supported NVFlare version.");
                }
                files.add(new RemoteFile(path, ref));
            }
        }
        return files;
    }

    /** The server's relative path below {@code root}, refusing anything that would leave it. */
    static Path inside(Path root, String relative) throws FlareException {
        String unified = relative.replace('\\', '/');
        boolean bad = unified.isEmpty()
                || unified.startsWith("/")
                || unified.matches("^[A-Za-z]:.*")
                || List.of(unified.split("/")).contains("..");
        Path out = root.resolve(unified).normalize();
        if (bad || !out.startsWith(root) || out.equals(root)) {
            throw FlareException.local(
                    ErrorCodes.UNSAFE_PATH,
                    "The FLARE server offered a download file outside the " + "job folder: " + relative,
                    UNSAFE_HINT);
        }
        return out;
    }
}
