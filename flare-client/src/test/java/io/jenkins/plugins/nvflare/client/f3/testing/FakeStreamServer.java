package io.jenkins.plugins.nvflare.client.f3.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.f3.cell.CellHeaders;
import io.jenkins.plugins.nvflare.client.f3.cell.CellMessage;
import io.jenkins.plugins.nvflare.client.f3.cell.Shareables;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.identity.PssSignatures;
import io.jenkins.plugins.nvflare.client.f3.msgpack.Fobs;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrame;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameType;
import io.jenkins.plugins.nvflare.client.f3.transfer.SignedJobZip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The server side of job upload and download, installed on a {@link FakeFlareServer}: written from
 * stream_runner.py (ObjectStreamer._handle_request), file_streamer.py (_ChunkConsumer), hci.py
 * (_process_upload), job_cmds.py (submit_job, download_job), binary_transfer.py (download_folder) and
 * download_service.py (_handle_download). Uploads are reassembled, unzipped and their signatures checked
 * like verify_folder_signature_and_get_signers; downloads are served in small chunks with optional PINGs
 * in between, an optional hang-up and optionally unanswered (or late-answered) requests.
 */
public final class FakeStreamServer {
    public static final String NEW_JOB_ID = "5a3a5e8e-0d52-4a0e-9a43-2b9f1c1e7d01";
    public static final String USED_TOKEN = "used-token";
    public static final String EXISTING_JOB_ID = "0f0e0d0c-0000-4000-8000-000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> log = new ArrayList<>();
    private final Map<String, ByteArrayOutputStream> uploads = new LinkedHashMap<>();
    private final Map<String, Map<?, ?>> contexts = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final X509Certificate admin;
    private byte[] lastUpload;
    private int downloadChunk = 4096;
    private boolean pings;
    private int hangUpAfterChunks = -1;
    private int hangUpAtUploadChunk = -1;
    private UploadWatcher uploadWatcher = seq -> {};
    private int chunksServed;
    private int dropChunk = -1;
    private int drops;
    private Drop dropMode = Drop.SILENT;
    private CellMessage dropped;
    private Object droppedReply;
    private String downloadStatus = "ok";
    private String jobStatus = "FINISHED:COMPLETED";
    private final List<String> jobIds = new ArrayList<>(List.of(NEW_JOB_ID));
    /** Submit token → [content of the job it made, job id], as job_cmds.py keeps submit records. */
    private final Map<String, List<String>> tokens =
            new LinkedHashMap<>(Map.of(USED_TOKEN, List.of("other", EXISTING_JOB_ID)));

    private FakeStreamServer(X509Certificate admin) {
        this.admin = admin;
    }

    /** Adds upload and download handling to {@code server}. */
    public static FakeStreamServer install(FakeFlareServer server) throws Exception {
        X509Certificate admin = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(F3Fixtures.bytes("admin-2048.crt")));
        FakeStreamServer fake = new FakeStreamServer(admin);
        server.route("aux_communication/ObjectStreamer.Request", (req, conn) -> fake.streamRequest(req));
        server.route("aux_communication/ObjectStreamer.Abort", (req, conn) -> fake.streamAbort(req));
        server.route("download_service__/download_service__download", fake::downloadRequest);
        server.command("job_mgmt.download_job", fake::downloadJob);
        server.command("get_job_meta", fake::jobMeta);
        return fake;
    }

    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    public synchronized byte[] lastUpload() {
        return lastUpload;
    }

    /** The files {@code download_job} offers, by relative path (served in this order). */
    public synchronized FakeStreamServer offer(Map<String, byte[]> offered) {
        files.clear();
        files.putAll(offered);
        return this;
    }

    public synchronized FakeStreamServer chunkSize(int size) {
        downloadChunk = size;
        return this;
    }

    /** Sends a PING before every download chunk reply. */
    public synchronized FakeStreamServer pings() {
        pings = true;
        return this;
    }

    /** Drops the connection when asked for chunk number {@code n + 1}. */
    public synchronized FakeStreamServer hangUpAfterChunks(int n) {
        hangUpAfterChunks = n;
        return this;
    }

    /** What happens to a dropped download request. */
    public enum Drop {
        /** never answered */
        SILENT,
        /** answered after all, just before the answer to the next request */
        LATE,
        /** answered at once with return code "timeout" */
        TIMEOUT_CODE
    }

    /** Drops the first {@code times} requests for chunk number {@code n} (counting from 0 over the whole download). */
    public synchronized FakeStreamServer dropRequestsForChunk(int n, int times, Drop mode) {
        dropChunk = n;
        drops = times;
        dropMode = mode;
        return this;
    }

    /** Drops the connection when upload chunk {@code seq} (0-based) arrives, before storing it. */
    public synchronized FakeStreamServer hangUpAtUploadChunk(int seq) {
        hangUpAtUploadChunk = seq;
        return this;
    }

    /** Called (on the server thread) as each upload chunk arrives, before it is stored or answered. */
    public interface UploadWatcher {
        void chunk(long seq) throws Exception;
    }

    public synchronized FakeStreamServer watchUploads(UploadWatcher watcher) {
        uploadWatcher = watcher;
        return this;
    }

    /** The meta.status {@code download_job} answers with (e.g. "job_running"). */
    public synchronized FakeStreamServer downloadStatus(String status) {
        downloadStatus = status;
        return this;
    }

    /** The job status get_job_meta reports (download checks it first); FINISHED:COMPLETED unless set. */
    public synchronized FakeStreamServer jobStatus(String status) {
        jobStatus = status;
        return this;
    }

    /** The ids given to new jobs, in order (the last one repeats). */
    public synchronized FakeStreamServer newJobIds(String... ids) {
        jobIds.clear();
        jobIds.addAll(List.of(ids));
        return this;
    }

    /** Records that {@code token} already made job {@code jobId} from other content. */
    public synchronized FakeStreamServer tokenUsed(String token, String jobId) {
        tokens.put(token, List.of("other", jobId));
        return this;
    }

    private synchronized void record(String entry) {
        log.add(entry);
    }

    // ---- upload: ObjectStreamer receiver + FileStreamer chunk consumer + hci _process_upload

    private synchronized Object streamRequest(CellMessage req) throws Exception {
        Map<?, ?> data = (Map<?, ?>) Fobs.unwrap(req.decodedPayload());
        Map<?, ?> h = (Map<?, ?>) data.get("__headers__");
        String tx = (String) h.get("ObjectStreamer.TX_ID");
        long seq = (Long) h.get("ObjectStreamer.SEQ");
        Map<?, ?> peer = (Map<?, ?>) h.get("__peer_props__");
        if (peer == null || peer.isEmpty()) {
            return reply(Map.of("__rc__", "MISSING_PEER_CONTEXT"));
        }
        if (!"hci.upload".equals(h.get("ObjectStreamer.CHANNEL")) || !"folder".equals(h.get("ObjectStreamer.TOPIC"))) {
            return reply(Map.of("__rc__", "EXECUTION_EXCEPTION"));
        }
        if (seq == 0) {
            contexts.put(tx, (Map<?, ?>) h.get("ObjectStreamer.CTX"));
            uploads.put(tx, new ByteArrayOutputStream());
        } else if (!uploads.containsKey(tx) || h.containsKey("ObjectStreamer.CTX")) {
            return reply(Map.of("__rc__", "BAD_REQUEST_DATA"));
        }
        uploadWatcher.chunk(seq);
        if (seq == hangUpAtUploadChunk) {
            record("hang up at chunk " + seq);
            return FakeFlareServer.HANG_UP;
        }
        byte[] chunk = (byte[]) data.get("Streamer.data");
        long size = (Long) data.get("Streamer.size");
        boolean eof = (Boolean) data.get("Streamer.eof");
        if (chunk.length != size) {
            return reply(Map.of("__rc__", "EXECUTION_EXCEPTION"));
        }
        uploads.get(tx).write(chunk);
        record("chunk " + seq + " " + size + (eof ? " eof" : "") + " peer=" + peer.get("__identity_name__"));
        if (!eof) {
            return reply(Map.of("__rc__", "OK"));
        }
        byte[] zip = uploads.remove(tx).toByteArray();
        Map<?, ?> ctx = contexts.remove(tx);
        if (((Long) ctx.get("FileStreamer.file_size")) != zip.length) {
            return reply(Map.of("__rc__", "EXECUTION_EXCEPTION"));
        }
        lastUpload = zip;
        HciReply conn = HciReply.parse((String) ctx.get("conn_data"));
        String line = (String) conn.items().get(0).data();
        String token = conn.token().orElse("none");
        String verdict = verify(zip, line.split(" ")[1]);
        record("submit " + line + " token=" + (FakeFlareServer.HCI_TOKEN.equals(token) ? "ok" : token) + " " + verdict);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("__rc__", "OK");
        headers.put("ObjectStreamer.END_RESULT", submitResult(line, verdict, content(zip)));
        return reply(headers);
    }

    private synchronized Object streamAbort(CellMessage req) throws Exception {
        Map<?, ?> h = (Map<?, ?>) ((Map<?, ?>) Fobs.unwrap(req.decodedPayload())).get("__headers__");
        record("abort " + h.get("__rc__") + (uploads.containsKey(h.get("ObjectStreamer.TX_ID")) ? " open" : " closed"));
        uploads.remove(h.get("ObjectStreamer.TX_ID"));
        return null;
    }

    /**
     * job_cmds.py submit_job: a bad signature is invalid_job_def; a known submit token returns its job for the
     * same content and submit_token_conflict (with that job's id) for other content; else a new job.
     */
    private String submitResult(String line, String verdict, String content) throws Exception {
        if (!verdict.equals("verified")) {
            return hci(
                    "error",
                    "job signature verification failed",
                    Map.of("status", "invalid_job_def", "info", "signature verification failed"));
        }
        String[] words = line.split(" ");
        String token = words.length == 4 && words[2].equals("--submit-token") ? words[3] : null;
        List<String> record = token == null ? null : tokens.get(token);
        if (record != null && !record.get(0).equals(content)) {
            return hci(
                    "error",
                    "submit token conflict",
                    Map.of(
                            "status",
                            "submit_token_conflict",
                            "info",
                            "submit token was already used for different job content",
                            "job_id",
                            record.get(1)));
        }
        String jobId = record != null ? record.get(1) : jobIds.size() > 1 ? jobIds.remove(0) : jobIds.get(0);
        if (token != null) {
            tokens.put(token, List.of(content, jobId));
        }
        return hci("success", "", Map.of("status", "ok", "job_id", jobId));
    }

    /** The job's content without the signature files (PSS signatures differ on every submit). */
    private static String content(byte[] zip) throws Exception {
        Map<String, String> entries = new java.util.TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                if (!name.endsWith(SignedJobZip.SIGNATURE_FILE) && !name.endsWith(SignedJobZip.SUBMITTER_CERT_FILE)) {
                    entries.put(name, Base64.getEncoder().encodeToString(in.readAllBytes()));
                }
            }
        }
        return entries.toString();
    }

    /** job_cmds.py:546-563 get_job_meta for the job being downloaded. */
    private synchronized String jobMeta(String line) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("job_id", line.split(" ")[1]);
        meta.put("status", jobStatus);
        return ServerReplies.buffer()
                .dict(meta, ServerReplies.makeMeta("ok", "", Map.of("job_meta", meta)))
                .json();
    }

    /**
     * The server's checks: the zip's top folder is the command's folder name, every directory has a
     * signature file covering each file (bytes) and sub-folder (name), signed by the submitter
     * certificate, which is the admin's.
     */
    private String verify(byte[] zip, String folderName) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        List<String> dirs = new ArrayList<>(List.of(folderName + "/"));
        entries.keySet().stream().filter(n -> n.endsWith("/")).forEach(dirs::add);
        for (String dir : dirs) {
            byte[] cert = entries.get(dir + SignedJobZip.SUBMITTER_CERT_FILE);
            byte[] sigs = entries.get(dir + SignedJobZip.SIGNATURE_FILE);
            if (cert == null || sigs == null || !Arrays.equals(cert, F3Fixtures.bytes("admin-2048.crt"))) {
                return "unsigned " + dir;
            }
            Map<String, String> signatures =
                    JSON.readValue(sigs, new TypeReference<LinkedHashMap<String, String>>() {});
            for (String name : entries.keySet()) {
                if (!name.startsWith(dir) || name.equals(dir)) {
                    continue;
                }
                String rest = name.substring(dir.length());
                boolean file = !rest.contains("/");
                boolean subdir = rest.indexOf('/') == rest.length() - 1;
                String key = file ? rest : rest.substring(0, rest.length() - 1);
                if ((!file && !subdir)
                        || key.equals(SignedJobZip.SIGNATURE_FILE)
                        || key.equals(SignedJobZip.SUBMITTER_CERT_FILE)) {
                    continue;
                }
                byte[] content = file ? entries.get(name) : key.getBytes(StandardCharsets.UTF_8);
                String sig = signatures.get(key);
                if (sig == null
                        || !PssSignatures.verify(
                                admin.getPublicKey(),
                                content,
                                Base64.getDecoder().decode(sig))) {
                    return "bad signature " + name;
                }
            }
        }
        return "verified";
    }

    // ---- download: download_job (binary_transfer.download_folder) + DownloadService._handle_download

    private synchronized String downloadJob(String line) throws Exception {
        String jobId = line.split(" ")[1];
        if (!downloadStatus.equals("ok")) {
            return hci("error", "job " + jobId + " is not done", Map.of("status", downloadStatus, "info", jobId));
        }
        List<List<String>> offered = new ArrayList<>();
        int i = 0;
        for (String path : files.keySet()) {
            offered.add(List.of(path, "R" + (++i)));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("status", "ok");
        meta.put("info", "");
        meta.put("source_fqcn", "server");
        meta.put("files", offered);
        meta.put("tx_id", "tx-1");
        meta.put("folder_name", jobId);
        return hci("string", "OK", meta);
    }

    private synchronized Object downloadRequest(CellMessage req, SfmConnection conn) throws Exception {
        Map<?, ?> p = (Map<?, ?>) req.decodedPayload();
        String ref = (String) p.get("ref_id");
        if (p.containsKey("confirm")) {
            record("confirm " + ref + " " + p.get("confirm") + " " + p.get("confirm_nonce"));
            return null;
        }
        if (Boolean.TRUE.equals(p.get("cancel"))) {
            record("cancel " + ref);
            return null;
        }
        if (!"server".equals(req.header(CellHeaders.DESTINATION))) {
            return Map.of("status", "error");
        }
        byte[] content = new ArrayList<>(files.values()).get(Integer.parseInt(ref.substring(1)) - 1);
        Map<?, ?> state = (Map<?, ?>) p.get("state");
        long offset = state == null ? 0 : (Long) state.get("received_bytes");
        if (offset >= content.length) {
            record("eof " + ref);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "eof");
            body.put("confirm_expected", Boolean.TRUE.equals(p.get("confirm_capable")));
            body.put("confirm_nonce", "nonce-" + ref);
            return body;
        }
        if (hangUpAfterChunks >= 0 && chunksServed >= hangUpAfterChunks) {
            record("hang up");
            return FakeFlareServer.HANG_UP;
        }
        int n = (int) Math.min(downloadChunk, content.length - offset);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("state", Map.of("received_bytes", offset + n));
        body.put("data", Arrays.copyOfRange(content, (int) offset, (int) offset + n));
        body.put("cancel_capable", true);
        if (dropped != null) {
            boolean sameId = req.header(CellHeaders.REQ_ID).equals(dropped.header(CellHeaders.REQ_ID));
            record("again " + ref + " @" + offset + (sameId ? " with the same request id" : ""));
            if (dropMode == Drop.LATE) {
                FakeFlareServer.reply(conn, dropped, droppedReply);
                record("late reply");
            }
            dropped = null;
        }
        if (drops > 0 && chunksServed == dropChunk) {
            drops--;
            dropped = req;
            droppedReply = body;
            record("drop " + ref + " @" + offset);
            return dropMode == Drop.TIMEOUT_CODE ? FakeFlareServer.TIMEOUT_REPLY : FakeFlareServer.NO_REPLY;
        }
        chunksServed++;
        if (pings) {
            conn.send(new SfmFrame(
                    SfmFrameType.PING.code(), 0, 0, conn.nextStreamId(), 0, Map.of(), new byte[] {(byte) 0xc0}));
        }
        return body;
    }

    /** What download_job stages on the server: job.zip and workspace.zip (contents relative to the folders) and meta.json. */
    public static Map<String, byte[]> serverFiles(Path jobRoot) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("job.zip", zipFolder(jobRoot.resolve("job")));
        files.put("meta.json", Files.readAllBytes(jobRoot.resolve("meta.json")));
        files.put("workspace.zip", zipFolder(jobRoot.resolve("workspace")));
        return files;
    }

    private static byte[] zipFolder(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes);
                Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                if (p.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    zip.putNextEntry(new ZipEntry(name + "/"));
                } else {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(Files.readAllBytes(p));
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    // ---- helpers

    private static Map<String, Object> reply(Map<String, Object> headers) {
        return Shareables.of(headers, Map.of());
    }

    private static String hci(String type, String text, Map<String, Object> meta) throws Exception {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", type);
        item.put("data", text);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("time", "t");
        doc.put("data", List.of(item));
        doc.put("meta", meta);
        return JSON.writeValueAsString(doc);
    }
}
