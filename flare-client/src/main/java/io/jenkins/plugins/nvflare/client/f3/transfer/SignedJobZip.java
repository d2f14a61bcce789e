package io.jenkins.plugins.nvflare.client.f3.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.PathParts;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.job.JobFolder;
import io.jenkins.plugins.nvflare.client.job.JobFolders;
import io.jenkins.plugins.nvflare.client.kit.PrivateFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;

/**
 * A job folder as the server accepts it from {@code submit_job} (client/file_transfer.py push_folder):
 * signed like lighter/utils.py {@code sign_folders} — in every directory a {@code .__nvfl_sig.json}
 * mapping each file name to base64 RSA-PSS(file bytes) and each sub-directory name to
 * base64 RSA-PSS(name), plus the submitter certificate as {@code .__nvfl_submitter.crt} — and zipped
 * like zip_utils {@code _zip_directory}: every entry stored (not deflated), paths start with the folder's
 * name, every sub-directory has an explicit entry (an empty one must survive unzipping), the folder itself
 * has none.
 *
 * <p>Unlike the Python client this never writes into the job folder: signatures go straight into the zip.
 * The zip is made of the job folder as {@link JobFolders#inspect} walked it (a {@link JobFolder}), not of a walk of
 * its own. Each file is read in buffers, once for its signature and CRC ({@link JobSignatures}, on several threads)
 * and once into its entry, so a job with large files (e.g. pretrained weights) is never held in memory;
 * {@link #stage} writes the zip to a private temporary file for the upload to read chunk by chunk.
 */
public final class SignedJobZip {
    public static final String SIGNATURE_FILE = ".__nvfl_sig.json";
    public static final String SUBMITTER_CERT_FILE = ".__nvfl_submitter.crt";
    /** The staged zip's file name starts with this (in the temporary folder). */
    public static final String TEMP_PREFIX = "nvflare-job-";

    private static final int BUFFER_SIZE = JobFileReader.BUFFER_SIZE;
    // Configured once here and only read afterwards, so sharing it is safe.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Opens a job file for reading; {@link #FILES} but for tests that make a file fail the way an unreadable one does. */
    @FunctionalInterface
    public interface FileOpener {
        InputStream open(Path file) throws IOException;
    }

    public static final FileOpener FILES = file -> Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);

    private final JobFolder job;
    private final AdminIdentity kit;
    private final ZipOutputStream zip;
    private final JobFileReader reader;
    private final JobSignatures signatures;

    private SignedJobZip(
            JobFolder job, AdminIdentity kit, ZipOutputStream zip, FileOpener opener, JobSignatures signatures) {
        this.job = job;
        this.kit = kit;
        this.zip = zip;
        this.reader = new JobFileReader(opener);
        this.signatures = signatures;
    }

    /** The files sign_folders writes into every folder, and which are never taken from the job folder. */
    static boolean isSignatureFile(String name) {
        return name.equals(SIGNATURE_FILE) || name.equals(SUBMITTER_CERT_FILE);
    }

    /** A signed job zip in a private temporary file; closing deletes the file. */
    public static final class Staged implements AutoCloseable {
        private final Path file;
        private final long size;

        private Staged(Path file, long size) {
            this.file = file;
            this.size = size;
        }

        Path file() {
            return file;
        }

        long size() {
            return size;
        }

        @Override
        public void close() {
            delete(file);
        }
    }

    /**
     * Walks {@code jobFolder} ({@link JobFolders#walk}, without a job folder's checks) and stages it as {@link
     * #stage(JobFolder, AdminIdentity, Path, FileOpener)} does.
     */
    public static Staged stage(Path jobFolder, AdminIdentity kit, Path tempDir, FileOpener opener)
            throws FlareException, InterruptedException {
        checkFolder(jobFolder);
        return stage(JobFolders.walk(jobFolder), kit, tempDir, opener);
    }

    /**
     * Signs and zips {@code job}'s folder, as walked, into a fresh owner-only file in {@code tempDir} (the JVM's
     * temporary folder when null), which is deleted again when anything fails (including an interrupt) and else when
     * the returned {@link Staged} is closed. Nothing but the read buffers and the signatures is held in memory.
     *
     * @throws FlareException INTERNAL_ERROR (exit 5, as the CLI) naming the file that cannot be read or that changed
     *     while it was zipped, KIT_INVALID when the kit's key cannot sign, OUTPUT_DIR_NOT_WRITABLE when the temporary
     *     file cannot be written (the last two local, exit {@link ExitCodes#LOCAL})
     * @throws InterruptedException when the thread is interrupted while signing
     */
    public static Staged stage(JobFolder job, AdminIdentity kit, Path tempDir, FileOpener opener)
            throws FlareException, InterruptedException {
        Path dir = tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"));
        Path file;
        try {
            file = PrivateFiles.createPrivateFile(dir, TEMP_PREFIX, ".zip");
        } catch (IOException e) {
            throw tempNotWritable(dir, e);
        }
        boolean staged = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_SIZE)) {
                write(job, kit, out, opener);
            }
            Staged result = new Staged(file, Files.size(file));
            staged = true;
            return result;
        } catch (GeneralSecurityException e) {
            throw FlareException.local(
                    ErrorCodes.KIT_INVALID,
                    "Cannot sign the job folder with the kit's key: " + e.getMessage(),
                    "Check the admin kit's client.key.");
        } catch (IOException e) {
            // Reading the job folder is handled where it happens: what is left is writing the temporary file.
            if (JobFileReader.interruption(e)) {
                throw JobFileReader.interrupted(e);
            }
            throw tempNotWritable(dir, e);
        } finally {
            if (!staged) {
                delete(file);
            }
        }
    }

    /** The signed zip in memory, for tests and small folders; uploads use {@link #stage}. */
    static byte[] build(Path jobFolder, AdminIdentity kit)
            throws IOException, GeneralSecurityException, FlareException, InterruptedException {
        checkFolder(jobFolder);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(JobFolders.walk(jobFolder), kit, bytes, FILES);
        return bytes.toByteArray();
    }

    /**
     * Writes the signed zip of {@code jobFolder} to {@code out} (finished, not closed).
     *
     * @throws IOException only when writing to {@code out} fails; read failures are FlareExceptions
     */
    private static void write(JobFolder job, AdminIdentity kit, OutputStream out, FileOpener opener)
            throws IOException, GeneralSecurityException, FlareException, InterruptedException {
        JobSignatures signatures = JobSignatures.sign(job, kit.privateKey(), opener, JobSignatures.threads());
        ZipOutputStream zip = new ZipOutputStream(out);
        new SignedJobZip(job, kit, zip, opener, signatures).addFolder(job.top(), PathParts.name(job.root()) + "/");
        zip.finish();
        out.flush();
    }

    private static void checkFolder(Path jobFolder) throws FlareException {
        if (Files.isSymbolicLink(jobFolder) || !Files.isDirectory(jobFolder, LinkOption.NOFOLLOW_LINKS)) {
            // JobFolders refuses this first (INVALID_ARGS, or UNSAFE_PATH for a link); kept for direct callers.
            throw new FlareException(
                    ErrorCodes.INVALID_ARGS,
                    "Invalid arguments. \u2014 invalid job folder: " + jobFolder,
                    "Pass the job folder itself (the one holding meta.json).",
                    ExitCodes.INVALID_ARGS,
                    null);
        }
    }

    private void addFolder(JobFolder.Folder folder, String prefix)
            throws IOException, GeneralSecurityException, FlareException, InterruptedException {
        Map<String, String> signed = new LinkedHashMap<>();
        Base64.Encoder base64 = Base64.getEncoder();
        for (JobFolder.JobFile file : folder.files()) {
            if (!isSignatureFile(file.name())) {
                addFile(file, prefix + file.name());
                signed.put(
                        file.name(),
                        base64.encodeToString(signatures.file(file.path()).signature()));
            }
        }
        for (JobFolder.Folder sub : folder.folders()) {
            signed.put(sub.name(), base64.encodeToString(signatures.folderName(sub.path())));
        }
        put(prefix + SIGNATURE_FILE, MAPPER.writeValueAsBytes(signed));
        put(prefix + SUBMITTER_CERT_FILE, kit.certificatePem());
        for (JobFolder.Folder sub : folder.folders()) {
            String subPrefix = prefix + sub.name() + "/";
            put(subPrefix, new byte[0]);
            addFolder(sub, subPrefix);
        }
    }

    /**
     * Adds {@code file} as a stored entry. A stored entry's header carries its size and CRC, which the signing read
     * ({@link JobSignatures}) measured, so this is the file's second read (from the page cache); the zip checks the
     * bytes against them.
     */
    private void addFile(JobFolder.JobFile file, String entryName)
            throws IOException, GeneralSecurityException, FlareException, InterruptedException {
        JobSignatures.Signed signed = signatures.file(file.path());
        Path path = job.resolve(file);
        zip.putNextEntry(stored(entryName, signed.size(), signed.crc()));
        try {
            reader.read(path, (b, n) -> zip.write(b, 0, n));
            zip.closeEntry();
        } catch (ZipException e) {
            // ZipOutputStream checks the second read against the size and CRC of the first
            throw new FlareException(
                    ErrorCodes.INTERNAL_ERROR,
                    "The job file " + path + " changed while it was being" + " signed and zipped.",
                    "Submit the job once nothing writes to its folder any more.",
                    ExitCodes.INTERNAL_ERROR,
                    null,
                    e);
        }
    }

    /**
     * A stored (uncompressed) entry, as zip_utils writes every entry ({@code ZipFile(output_file, "w")} defaults to
     * ZIP_STORED): job files are often already compressed or incompressible (weights), and deflating them costs
     * more CPU than the bytes it saves on the wire.
     */
    private static ZipEntry stored(String name, long size, long crc) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        entry.setCrc(crc);
        return entry;
    }

    private void put(String name, byte[] content) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(content);
        zip.putNextEntry(stored(name, content.length, crc.getValue()));
        zip.write(content);
        zip.closeEntry();
    }

    private static FlareException tempNotWritable(Path dir, IOException e) {
        return new FlareException(
                ErrorCodes.OUTPUT_DIR_NOT_WRITABLE,
                "Cannot write the signed job zip to the" + " temporary folder " + dir + ": "
                        + JobFileReader.describe(e),
                "Check the free space and permissions of " + dir
                        + " (the JVM's java.io.tmpdir unless a temporary folder is configured).",
                ExitCodes.LOCAL,
                null,
                e);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
