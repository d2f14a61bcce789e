package io.jenkins.plugins.nvflare.client.f3.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.PathParts;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.PssSignatures;
import io.jenkins.plugins.nvflare.client.kit.PrivateFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Each file is read in buffers, once for its signature and CRC and once into its entry, so a job with large
 * files (e.g. pretrained weights) is never held in memory; {@link #stage} writes the zip to a private
 * temporary file for the upload to read chunk by chunk.
 */
public final class SignedJobZip {
    public static final String SIGNATURE_FILE = ".__nvfl_sig.json";
    public static final String SUBMITTER_CERT_FILE = ".__nvfl_submitter.crt";
    /** The staged zip's file name starts with this (in the temporary folder). */
    public static final String TEMP_PREFIX = "nvflare-job-";

    private static final int BUFFER_SIZE = 256 * 1024;
    // Configured once here and only read afterwards, so sharing it is safe.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Opens a job file for reading; {@link #FILES} but for tests that make a file fail the way an unreadable one does. */
    @FunctionalInterface
    public interface FileOpener {
        InputStream open(Path file) throws IOException;
    }

    public static final FileOpener FILES = file -> Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);

    private final AdminIdentity kit;
    private final ZipOutputStream zip;
    private final FileOpener opener;
    private final byte[] buffer = new byte[BUFFER_SIZE];

    private SignedJobZip(AdminIdentity kit, ZipOutputStream zip, FileOpener opener) {
        this.kit = kit;
        this.zip = zip;
        this.opener = opener;
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
     * Signs and zips {@code jobFolder} into a fresh owner-only file in {@code tempDir} (the JVM's temporary
     * folder when null), which is deleted again when anything fails (including an interrupt) and else when the
     * returned {@link Staged} is closed. Nothing but the read buffer is held in memory.
     *
     * @throws FlareException INTERNAL_ERROR (exit 5, as the CLI) naming the file or folder that cannot be read,
     *     UNSAFE_PATH for symbolic links, KIT_INVALID when the kit's key cannot sign, OUTPUT_DIR_NOT_WRITABLE when
     *     the temporary file cannot be written (the last three local, exit {@link ExitCodes#LOCAL})
     * @throws InterruptedException when the thread is interrupted while signing
     */
    public static Staged stage(Path jobFolder, AdminIdentity kit, Path tempDir, FileOpener opener)
            throws FlareException, InterruptedException {
        checkFolder(jobFolder);
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
                write(jobFolder, kit, out, opener);
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
            if (interruption(e)) {
                throw interrupted(e);
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
        write(jobFolder, kit, bytes, FILES);
        return bytes.toByteArray();
    }

    /**
     * Writes the signed zip of {@code jobFolder} to {@code out} (finished, not closed).
     *
     * @throws IOException only when writing to {@code out} fails; read failures are FlareExceptions
     */
    private static void write(Path jobFolder, AdminIdentity kit, OutputStream out, FileOpener opener)
            throws IOException, GeneralSecurityException, FlareException, InterruptedException {
        ZipOutputStream zip = new ZipOutputStream(out);
        new SignedJobZip(kit, zip, opener).addDirectory(jobFolder, PathParts.name(jobFolder) + "/");
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

    private void addDirectory(Path dir, String prefix)
            throws IOException, GeneralSecurityException, FlareException, InterruptedException {
        List<Path> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (Path child : sortedChildren(dir)) {
            String name = PathParts.name(child);
            if (Files.isSymbolicLink(child)) {
                // sign_folders refuses links too: the server would verify something other than what we signed.
                throw FlareException.local(
                        ErrorCodes.UNSAFE_PATH,
                        "symbolic links are not allowed in job folders: " + child,
                        "Replace the link with a copy of its target.");
            }
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                dirs.add(child);
            } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)
                    && !name.equals(SIGNATURE_FILE)
                    && !name.equals(SUBMITTER_CERT_FILE)) {
                files.add(child);
            }
        }
        Map<String, String> signatures = new LinkedHashMap<>();
        for (Path file : files) {
            String name = PathParts.name(file);
            signatures.put(name, Base64.getEncoder().encodeToString(addFile(file, prefix + name)));
        }
        for (Path sub : dirs) {
            String name = PathParts.name(sub);
            signatures.put(name, sign(name.getBytes(StandardCharsets.UTF_8)));
        }
        put(prefix + SIGNATURE_FILE, MAPPER.writeValueAsBytes(signatures));
        put(prefix + SUBMITTER_CERT_FILE, kit.certificatePem());
        for (Path sub : dirs) {
            String subPrefix = prefix + sub.getFileName() + "/";
            put(subPrefix, new byte[0]);
            addDirectory(sub, subPrefix);
        }
    }

    /**
     * Adds {@code file} as a stored entry and returns its signature. A stored entry's header carries its size and
     * CRC, so the file is read twice: once for the signature and the CRC, once into the zip (from the page cache).
     */
    private byte[] addFile(Path file, String entryName)
            throws IOException, GeneralSecurityException, FlareException, InterruptedException {
        Signature signer = PssSignatures.signer(kit.privateKey());
        CRC32 crc = new CRC32();
        long size = read(file, (b, n) -> {
            signer.update(b, 0, n);
            crc.update(b, 0, n);
        });
        zip.putNextEntry(stored(entryName, size, crc.getValue()));
        try {
            read(file, (b, n) -> zip.write(b, 0, n));
            zip.closeEntry();
        } catch (ZipException e) {
            // ZipOutputStream checks the second read against the size and CRC of the first
            throw new FlareException(
                    ErrorCodes.INTERNAL_ERROR,
                    "The job file " + file + " changed while it was being" + " signed and zipped.",
                    "Submit the job once nothing writes to its folder any more.",
                    ExitCodes.INTERNAL_ERROR,
                    null,
                    e);
        }
        return signer.sign();
    }

    /** What {@link #read} does with each buffer of a file: sign it, or write it to the zip. */
    @FunctionalInterface
    private interface Chunks {
        void accept(byte[] buffer, int length) throws IOException, GeneralSecurityException;
    }

    /** Reads {@code file} through {@code chunks} and returns its length; read failures are FlareExceptions. */
    private long read(Path file, Chunks chunks)
            throws IOException, GeneralSecurityException, FlareException, InterruptedException {
        InputStream in = null;
        long size = 0;
        try {
            try {
                in = opener.open(file);
            } catch (IOException e) {
                throw unreadable("file", file, e);
            }
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while signing " + file);
                }
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw unreadable("file", file, e);
                }
                if (n < 0) {
                    return size;
                }
                chunks.accept(buffer, n);
                size += n;
            }
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // everything was read; a failing close of an input changes nothing
                }
            }
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

    private String sign(byte[] content) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(PssSignatures.sign(kit.privateKey(), content));
    }

    private void put(String name, byte[] content) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(content);
        zip.putNextEntry(stored(name, content.length, crc.getValue()));
        zip.write(content);
        zip.closeEntry();
    }

    private static List<Path> sortedChildren(Path dir) throws FlareException, InterruptedException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            throw unreadable("folder", dir, e);
        } catch (DirectoryIteratorException e) {
            throw unreadable("folder", dir, e.getCause());
        }
        children.sort(null);
        return children;
    }

    /**
     * A job file or folder that cannot be read: INTERNAL_ERROR, exit 5, as the CLI reports it (job_cli.py submit_job
     * copies the folder with shutil.copytree, whose shutil.Error reaches nvflare/cli.py's global handler).
     */
    private static FlareException unreadable(String what, Path path, IOException e) throws InterruptedException {
        if (interruption(e)) {
            throw interrupted(e);
        }
        return new FlareException(
                ErrorCodes.INTERNAL_ERROR,
                "Cannot read the job " + what + " " + path + ": " + describe(e),
                "Check that the " + what + " exists and that its permissions let the user running the"
                        + " build read it.",
                ExitCodes.INTERNAL_ERROR,
                null,
                e);
    }

    private static FlareException tempNotWritable(Path dir, IOException e) {
        return new FlareException(
                ErrorCodes.OUTPUT_DIR_NOT_WRITABLE,
                "Cannot write the signed job zip to the" + " temporary folder " + dir + ": " + describe(e),
                "Check the free space and permissions of " + dir
                        + " (the JVM's java.io.tmpdir unless a temporary folder is configured).",
                ExitCodes.LOCAL,
                null,
                e);
    }

    /** NoSuchFileException and friends carry only the path as message; name the kind of failure too. */
    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : name.replace("Exception", "");
        }
        return e.getMessage() != null ? e.getMessage() : name;
    }

    private static boolean interruption(IOException e) {
        return e instanceof ClosedByInterruptException
                || e instanceof InterruptedIOException
                || Thread.currentThread().isInterrupted();
    }

    private static InterruptedException interrupted(IOException cause) {
        Thread.interrupted(); // InterruptedException reports the interrupt; clear the flag as a blocking call would
        InterruptedException e = new InterruptedException("interrupted while signing the job folder");
        e.initCause(cause);
        return e;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
