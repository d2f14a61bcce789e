package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code submit_job} as the admin client does it (client/file_transfer.py push_folder → api.py upload_file →
 * FileStreamer.stream_file): the signed job zip is streamed in chunks on app channel {@code hci.upload},
 * topic {@code folder}, with the hci request of the command line as stream context {@code conn_data}; the
 * server runs the command once the file is complete (hci/server/hci.py:164-174) and returns the command's
 * hci reply as the {@code ObjectStreamer.END_RESULT} header of the reply to the last chunk.
 */
final class JobUpload {
    static final String UPLOAD_CHANNEL = "hci.upload";
    static final String FOLDER_TOPIC = "folder";
    /** FileStreamer.stream_file's default (file_streamer.py:196-197). */
    static final int CHUNK_SIZE = 1024 * 1024;
    /** The client command entry's full name, scope "job_mgmt" (reg.py:116-117, job_cmds.py:160-161). */
    static final String SUBMIT_COMMAND = "job_mgmt.submit_job";
    /** AdminCommandNames.SUBMIT_JOB: the command flare_api's submit_job runs, named in its error messages. */
    static final String API_SUBMIT_COMMAND = "submit_job";
    static final String KEY_DATA = "Streamer.data";
    static final String KEY_SIZE = "Streamer.size";
    static final String KEY_EOF = "Streamer.eof";
    static final String KEY_FILE_NAME = "Streamer.file_name";
    static final String KEY_FILE_SIZE = "FileStreamer.file_size";
    static final String CONN_DATA = "conn_data";

    private JobUpload() {}

    /**
     * Signs, zips and uploads {@code jobFolder} and returns the new job's id.
     *
     * @param submitToken retry-safe submit token, or null
     * @throws FlareException what {@code nvflare job submit} reports ({@link CliErrors.Op#SUBMIT}): JOB_INVALID,
     *     SUBMIT_TOKEN_CONFLICT, SUBMIT_TOKEN_JOB_DELETED, AUTH_FAILED, INTERNAL_ERROR from the server;
     *     CONNECTION_FAILED when the upload gets no result; KIT_INVALID when the job cannot be signed
     * @throws IOException when the connection breaks off
     */
    static String submit(AdminLogin.Session session, Path jobFolder, KitCredentials kit, String submitToken)
            throws IOException, FlareException {
        byte[] zip;
        try {
            zip = SignedJobZip.build(jobFolder, kit);
        } catch (GeneralSecurityException e) {
            throw FlareException.local(ErrorCodes.KIT_INVALID, "Cannot sign the job folder with the kit's key: "
                    + e.getMessage(), "Check the admin kit's client.key.");
        }
        String commandLine = commandLine(jobFolder.getFileName().toString(), submitToken);
        HciReply reply = upload(session, zip, commandLine, CHUNK_SIZE, UUID.randomUUID().toString());
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
    static String jobId(String apiCommand, HciReply reply) throws FlareApiException {
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
    static String apiCommand(Path jobFolder, String submitToken) {
        List<String> parts = new ArrayList<>(List.of(API_SUBMIT_COMMAND, jobFolder.toAbsolutePath().toString()));
        if (submitToken != null && !submitToken.isEmpty()) {
            parts.addAll(List.of("--submit-token", submitToken));
        }
        return HciArgs.join(parts);
    }

    /** {@code job_mgmt.submit_job <folder name> [--submit-token T]} (file_transfer.py:327-330). */
    static String commandLine(String folderName, String submitToken) {
        List<String> parts = new ArrayList<>(List.of(SUBMIT_COMMAND, folderName));
        if (submitToken != null && !submitToken.isEmpty()) {
            parts.addAll(List.of("--submit-token", submitToken));
        }
        return HciArgs.join(parts);
    }

    /** Streams {@code zip} with {@code commandLine} as its command and returns the command's reply. */
    static HciReply upload(AdminLogin.Session session, byte[] zip, String commandLine, int chunkSize, String txId)
            throws IOException, FlareException {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put(CONN_DATA, new HciRequest(commandLine, session.hciToken(), null).toJson(LocalDateTime.now()));
        ctx.put(KEY_FILE_SIZE, (long) zip.length);
        // Python streams a temp file named by a uuid4; the server only logs the name.
        ctx.put(KEY_FILE_NAME, UUID.randomUUID().toString());
        ObjectStreamSender sender = new ObjectStreamSender(session.cell(), session.auth().headers(),
                Shareables.adminPeerProps(session.auth().clientName()));
        Map<?, ?> last = sender.stream(UPLOAD_CHANNEL, FOLDER_TOPIC, ctx, chunks(zip, chunkSize), txId);
        if (!(Shareables.headers(last).get(ObjectStreamSender.END_RESULT) instanceof String result)) {
            throw SessionErrors.connectionFailed(
                    "The FLARE server accepted the upload but returned no result for '" + commandLine + "'.",
                    "Check the server log.");
        }
        return HciReply.parse(result);
    }

    /**
     * The chunk objects file_streamer.py _ChunkProducer makes (:93-111): data, size and eof, where eof is set
     * on the first chunk shorter than the chunk size — so a file that is a whole number of chunks ends with
     * an empty one.
     */
    static List<Map<String, Object>> chunks(byte[] content, int chunkSize) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (int offset = 0; ; offset += chunkSize) {
            int n = Math.min(chunkSize, content.length - offset);
            Map<String, Object> chunk = new LinkedHashMap<>();
            chunk.put(KEY_DATA, Arrays.copyOfRange(content, offset, offset + n));
            chunk.put(KEY_SIZE, (long) n);
            chunk.put(KEY_EOF, n < chunkSize);
            chunks.add(chunk);
            if (n < chunkSize) {
                return chunks;
            }
        }
    }
}
