package io.jenkins.plugins.nvflare.client.f3.transfer;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.PathParts;
import io.jenkins.plugins.nvflare.client.f3.cell.SessionErrors;
import io.jenkins.plugins.nvflare.client.f3.cell.Shareables;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException;
import io.jenkins.plugins.nvflare.client.f3.errors.ReplyCheck;
import io.jenkins.plugins.nvflare.client.f3.hci.HciArgs;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.hci.HciRequest;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.session.AdminLogin;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code submit_job} as the admin client does it (client/file_transfer.py push_folder → api.py upload_file →
 * FileStreamer.stream_file): the signed job zip is streamed in chunks on app channel {@code hci.upload},
 * topic {@code folder}, with the hci request of the command line as stream context {@code conn_data}; the
 * server runs the command once the file is complete (hci/server/hci.py:164-174) and returns the command's
 * hci reply as the {@code ObjectStreamer.END_RESULT} header of the reply to the last chunk. The zip is
 * staged in a private temporary file ({@link SignedJobZip#stage}) and each chunk is read from it only when it
 * is sent, so the upload holds one chunk in memory whatever the job's size.
 */
public final class JobUpload {
    static final String UPLOAD_CHANNEL = "hci.upload";
    static final String FOLDER_TOPIC = "folder";
    /** FileStreamer.stream_file's default (file_streamer.py:196-197). */
    public static final int CHUNK_SIZE = 1024 * 1024;
    /** The client command entry's full name, scope "job_mgmt" (reg.py:116-117, job_cmds.py:160-161). */
    static final String SUBMIT_COMMAND = "job_mgmt.submit_job";
    /** AdminCommandNames.SUBMIT_JOB: the command flare_api's submit_job runs, named in its error messages. */
    static final String API_SUBMIT_COMMAND = "submit_job";

    static final String KEY_DATA = UploadKeys.STREAMER.data();
    static final String KEY_SIZE = UploadKeys.STREAMER.size();
    static final String KEY_EOF = UploadKeys.STREAMER.eof();
    /** The same key in 2.7 and 2.8 (file_streamer.py, streamer_base.py). */
    static final String KEY_FILE_SIZE = "FileStreamer.file_size";

    static final String CONN_DATA = "conn_data";

    private JobUpload() {}

    /**
     * Signs and zips {@code jobFolder} into a temporary file, uploads it and returns the new job's id; the
     * temporary file is deleted in any case. {@code NativeFlareClient} stages before connecting instead.
     *
     * @throws FlareException as {@link SignedJobZip#stage} and {@link #submit(AdminLogin.Session,
     *     SignedJobZip.Staged, Path, String)}
     */
    public static String submit(AdminLogin.Session session, Path jobFolder, AdminIdentity kit, String submitToken)
            throws IOException, FlareException, InterruptedException {
        try (SignedJobZip.Staged zip = SignedJobZip.stage(jobFolder, kit, null, SignedJobZip.FILES)) {
            return submit(session, zip, jobFolder, submitToken, UploadKeys.STREAMER);
        }
    }

    /**
     * Uploads the signed zip of {@code jobFolder} staged as {@code zip} and returns the new job's id.
     *
     * @param submitToken retry-safe submit token, or null
     * @param keys the chunk keys the server reads ({@link UploadKeys#forServer})
     * @throws FlareException what {@code nvflare job submit} reports ({@link CliErrors.Op#SUBMIT}): JOB_INVALID,
     *     SUBMIT_TOKEN_CONFLICT, SUBMIT_TOKEN_JOB_DELETED, AUTH_FAILED, INTERNAL_ERROR from the server;
     *     CONNECTION_FAILED when the upload gets no result; a local INTERNAL_ERROR when the staged zip cannot be read
     * @throws IOException when the connection breaks off
     */
    public static String submit(
            AdminLogin.Session session, SignedJobZip.Staged zip, Path jobFolder, String submitToken, UploadKeys keys)
            throws IOException, FlareException {
        if (submitToken != null) {
            SubmitTokens.validate(
                    submitToken); // never upload for a token the server refuses (NativeFlareClient checks first)
        }
        String commandLine = commandLine(PathParts.name(jobFolder), submitToken);
        HciReply reply = upload(
                session,
                zip.file(),
                zip.size(),
                commandLine,
                CHUNK_SIZE,
                UUID.randomUUID().toString(),
                keys);
        try {
            return jobId(apiCommand(jobFolder, submitToken), reply);
        } catch (FlareApiException e) {
            throw CliErrors.map(e, CliErrors.Op.SUBMIT, null, null);
        }
    }

    /**
     * flare_api.py submit_job (:387-393): _do_command's checks, then a non-empty {@code meta.job_id}.
     *
     * @param apiCommand the command flare_api runs ({@link #apiCommand}), which its errors quote
     */
    public static String jobId(String apiCommand, HciReply reply) throws FlareApiException {
        ReplyCheck.check(apiCommand, reply, true);
        if (reply.meta().get("job_id") instanceof String jobId && !jobId.isEmpty()) {
            return jobId;
        }
        throw new FlareApiException(FlareApiException.Kind.INTERNAL, "server failed to return job id");
    }

    /**
     * {@code submit_job <job folder path> [--submit-token T]}: the command flare_api's submit_job passes to
     * _do_command (flare_api.py:387-390), so errors quote it as the CLI's do — e.g. a live 2.9 server's
     * not_authorized reply becomes "user not authorized for the action 'submit_job /tmp/tmpab12cd: ...'" (the
     * CLI submits a temporary copy; the native transport names the folder it uploads). The wire command is
     * {@link #commandLine}.
     */
    public static String apiCommand(Path jobFolder, String submitToken) {
        List<String> parts = new ArrayList<>(
                List.of(API_SUBMIT_COMMAND, jobFolder.toAbsolutePath().toString()));
        if (submitToken != null && !submitToken.isEmpty()) {
            parts.addAll(List.of("--submit-token", submitToken));
        }
        return HciArgs.join(parts);
    }

    /** {@code job_mgmt.submit_job <folder name> [--submit-token T]} (file_transfer.py:327-330). */
    public static String commandLine(String folderName, String submitToken) {
        List<String> parts = new ArrayList<>(List.of(SUBMIT_COMMAND, folderName));
        if (submitToken != null && !submitToken.isEmpty()) {
            parts.addAll(List.of("--submit-token", submitToken));
        }
        return HciArgs.join(parts);
    }

    /**
     * Streams the {@code size} bytes of {@code zipFile} with {@code commandLine} as its command and returns the
     * command's reply; each chunk is read from the file when it is its turn.
     */
    static HciReply upload(
            AdminLogin.Session session, Path zipFile, long size, String commandLine, int chunkSize, String txId)
            throws IOException, FlareException {
        return upload(session, zipFile, size, commandLine, chunkSize, txId, UploadKeys.STREAMER);
    }

    static HciReply upload(
            AdminLogin.Session session,
            Path zipFile,
            long size,
            String commandLine,
            int chunkSize,
            String txId,
            UploadKeys keys)
            throws IOException, FlareException {
        try (FileChunks chunks = new FileChunks(zipFile, size, chunkSize, keys)) {
            return upload(session, chunks, size, commandLine, txId, keys);
        }
    }

    private static HciReply upload(
            AdminLogin.Session session,
            ObjectStreamSender.Source chunks,
            long size,
            String commandLine,
            String txId,
            UploadKeys keys)
            throws IOException, FlareException {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put(CONN_DATA, new HciRequest(commandLine, session.hciToken(), null).toJson(LocalDateTime.now()));
        ctx.put(KEY_FILE_SIZE, size);
        // Python streams a temp file named by a uuid4; the server only logs the name.
        ctx.put(keys.fileName(), UUID.randomUUID().toString());
        ObjectStreamSender sender = new ObjectStreamSender(
                session.cell(),
                session.auth().headers(),
                Shareables.adminPeerProps(session.auth().clientName()));
        Map<?, ?> last = sender.stream(UPLOAD_CHANNEL, FOLDER_TOPIC, ctx, chunks, txId);
        if (!(Shareables.headers(last).get(ObjectStreamSender.END_RESULT) instanceof String result)) {
            throw SessionErrors.connectionFailed(
                    "The FLARE server accepted the upload but returned no result for '" + commandLine + "'.",
                    "Check the server log.");
        }
        return HciReply.parse(result);
    }

    /**
     * How many chunks file_streamer.py _ChunkProducer (:93-111) makes of {@code size} bytes: the full ones plus a
     * last, shorter one that sets eof — so a file that is a whole number of chunks ends with an empty one.
     */
    static int chunkCount(long size, int chunkSize) {
        checkChunkSize(chunkSize);
        return Math.toIntExact(size / chunkSize + 1);
    }

    private static Map<String, Object> chunk(byte[] data, int chunkSize, UploadKeys keys) {
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put(keys.data(), data);
        chunk.put(keys.size(), (long) data.length);
        chunk.put(keys.eof(), data.length < chunkSize);
        return chunk;
    }

    private static void checkChunkSize(int chunkSize) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
    }

    /**
     * The chunks of a file ({@link #chunkCount}; data, size and eof, eof on the first short one), each read when
     * it is asked for (one chunk in memory at a time). A
     * RandomAccessFile rather than a FileChannel: an interrupt does not close it, so an interrupted upload ends
     * the way it did with the zip in memory (the connection's read is what notices).
     */
    static final class FileChunks implements ObjectStreamSender.Source, AutoCloseable {
        private final Path file;
        private final long size;
        private final int chunkSize;
        private final UploadKeys keys;
        private final RandomAccessFile in;

        FileChunks(Path file, long size, int chunkSize, UploadKeys keys) throws FlareException {
            checkChunkSize(chunkSize);
            this.file = file;
            this.size = size;
            this.chunkSize = chunkSize;
            this.keys = keys;
            try {
                this.in = new RandomAccessFile(file.toFile(), "r");
            } catch (IOException e) {
                throw unreadable(file, e);
            }
        }

        @Override
        public int count() {
            return chunkCount(size, chunkSize);
        }

        @Override
        public Map<String, Object> get(int seq) throws FlareException {
            long offset = (long) seq * chunkSize;
            if (seq < 0 || offset > size) {
                throw new IndexOutOfBoundsException("chunk " + seq + " of " + count());
            }
            byte[] data = new byte[(int) Math.min(chunkSize, size - offset)];
            try {
                in.seek(offset);
                in.readFully(data);
            } catch (IOException e) {
                throw unreadable(file, e);
            }
            return chunk(data, chunkSize, keys);
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // opened for reading only
            }
        }

        private static FlareException unreadable(Path file, IOException e) {
            return new FlareException(
                    ErrorCodes.INTERNAL_ERROR,
                    "Cannot read the staged job zip " + file + ": " + e,
                    "Check that nothing else deletes or changes files in the temporary folder " + file.getParent()
                            + ".",
                    ExitCodes.LOCAL,
                    null,
                    e);
        }
    }
}
