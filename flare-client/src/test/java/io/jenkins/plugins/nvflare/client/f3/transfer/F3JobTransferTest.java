package io.jenkins.plugins.nvflare.client.f3.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.AdminCellName;
import io.jenkins.plugins.nvflare.client.f3.cell.CellRequester;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException;
import io.jenkins.plugins.nvflare.client.f3.hci.HciArgs;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitTls;
import io.jenkins.plugins.nvflare.client.f3.job.PollClock;
import io.jenkins.plugins.nvflare.client.f3.session.AdminLogin;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmHandshake;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeClock;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeStreamServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeStreamServer.Drop;
import io.jenkins.plugins.nvflare.client.f3.testing.ServerReplies;
import io.jenkins.plugins.nvflare.client.testing.CaptureTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Job upload and download against {@link FakeFlareServer} + {@link FakeStreamServer} over real mutual TLS. */
class F3JobTransferTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String JOB_ID = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    /**
     * Runs {@code client} logged in to a fresh fake server, then waits for the server to finish (so one-way
     * messages have been processed) and returns its stream side for asserting what it saw.
     */
    private FakeStreamServer withSession(Setup setup, Client client) throws Exception {
        return withSession(10_000, setup, client);
    }

    /** As {@link #withSession(Setup, Client)}, the client's read timeout set to {@code readTimeoutMs} after login. */
    private FakeStreamServer withSession(int readTimeoutMs, Setup setup, Client client) throws Exception {
        AdminIdentity kit = kit(tmp.resolve("startup"));
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer stream = FakeStreamServer.install(server);
            setup.apply(stream);
            Future<Void> served = serverThread.submit(server::serve);
            try (SSLSocket socket = connect(kit, server.port())) {
                AdminLogin.Session session = AdminLogin.login(
                        cell(socket),
                        kit,
                        "admin@nvidia.com",
                        "example_project",
                        "server",
                        "default",
                        "127.0.0.1",
                        NOW,
                        () -> UUID.randomUUID().toString());
                socket.setSoTimeout(readTimeoutMs);
                client.run(session, kit, stream);
            }
            served.get(10, TimeUnit.SECONDS);
            return stream;
        }
    }

    interface Setup {
        void apply(FakeStreamServer stream) throws Exception;
    }

    interface Client {
        void run(AdminLogin.Session session, AdminIdentity kit, FakeStreamServer stream) throws Exception;
    }

    // ---- upload

    @Test
    void submitStreamsTheSignedZipAndReturnsTheJobId() throws Exception {
        Path job = job("hello-numpy", 100);
        FakeStreamServer stream = withSession(
                s -> {},
                (session, kit, fake) ->
                        assertEquals(FakeStreamServer.NEW_JOB_ID, JobUpload.submit(session, job, kit, "t-1")));
        assertEquals(
                List.of(
                        "chunk 0 " + stream.lastUpload().length + " eof peer=admin@nvidia.com",
                        "submit job_mgmt.submit_job hello-numpy --submit-token t-1 token=ok verified",
                        "abort TASK_ABORTED closed"),
                stream.log());
    }

    @Test
    void aZipLargerThanOneChunkGoesOutInOrderedChunksAndArrivesIntact() throws Exception {
        Path job = job("big-job", 20_000);
        byte[][] sent = new byte[1][];
        FakeStreamServer stream = withSession(s -> {}, (session, kit, fake) -> {
            sent[0] = SignedJobZip.build(job, kit);
            Path zip = Files.write(tmp.resolve("big-job.zip"), sent[0]);
            HciReply reply = JobUpload.upload(
                    session, zip, sent[0].length, JobUpload.commandLine("big-job", null), 4096, "tx-9");
            assertEquals(FakeStreamServer.NEW_JOB_ID, reply.meta().get("job_id"));
        });
        byte[] zip = sent[0];
        int chunks = zip.length / 4096 + 1;
        List<String> log = stream.log();
        assertEquals(chunks + 2, log.size(), log.toString());
        for (int i = 0; i < chunks - 1; i++) {
            assertEquals("chunk " + i + " 4096 peer=admin@nvidia.com", log.get(i));
        }
        assertEquals(
                "chunk " + (chunks - 1) + " " + zip.length % 4096 + " eof peer=admin@nvidia.com", log.get(chunks - 1));
        assertEquals("submit job_mgmt.submit_job big-job token=ok verified", log.get(chunks));
        assertEquals("abort TASK_ABORTED closed", log.get(chunks + 1));
        assertArrayEquals(zip, stream.lastUpload(), "reassembled byte for byte");
    }

    @Test
    void chunksFollowFileStreamerIncludingAnEmptyLastChunk() throws Exception {
        List<Map<String, Object>> exact = allChunks(Files.write(tmp.resolve("eight.zip"), new byte[8]), 4);
        assertEquals(
                List.of(4L, 4L, 0L),
                exact.stream().map(c -> c.get(JobUpload.KEY_SIZE)).toList());
        assertEquals(
                List.of(false, false, true),
                exact.stream().map(c -> c.get(JobUpload.KEY_EOF)).toList());
        List<Map<String, Object>> ragged =
                allChunks(Files.write(tmp.resolve("five.zip"), new byte[] {1, 2, 3, 4, 5}), 4);
        assertArrayEquals(new byte[] {5}, (byte[]) ragged.get(1).get(JobUpload.KEY_DATA));
        assertEquals(
                List.of(false, true),
                ragged.stream().map(c -> c.get(JobUpload.KEY_EOF)).toList());
    }

    /** A 2.7 server reads FileStreamer.* keys (live 2.7.2: with Streamer.* it refused part 1 with EXECUTION_EXCEPTION). */
    @Test
    void chunksFor272ServersUseFileStreamerKeys() throws Exception {
        Path file = Files.write(tmp.resolve("five.zip"), new byte[] {1, 2, 3, 4, 5});
        List<Map<String, Object>> chunks = allChunks(file, 4, UploadKeys.FILE_STREAMER);
        assertEquals(
                List.of("FileStreamer.data", "FileStreamer.size", "FileStreamer.eof"),
                List.copyOf(chunks.get(1).keySet()));
        assertArrayEquals(new byte[] {5}, (byte[]) chunks.get(1).get("FileStreamer.data"));
        assertEquals(
                List.of(false, true),
                chunks.stream().map(c -> c.get("FileStreamer.eof")).toList());
    }

    private static List<Map<String, Object>> allChunks(Path file, int chunkSize) throws Exception {
        return allChunks(file, chunkSize, UploadKeys.STREAMER);
    }

    private static List<Map<String, Object>> allChunks(Path file, int chunkSize, UploadKeys keys) throws Exception {
        try (JobUpload.FileChunks chunks = new JobUpload.FileChunks(file, Files.size(file), chunkSize, keys)) {
            List<Map<String, Object>> all = new java.util.ArrayList<>();
            for (int i = 0; i < chunks.count(); i++) {
                all.add(chunks.get(i));
            }
            return all;
        }
    }

    /** The staged file's chunks, each read from the file when asked for. */
    @Test
    void fileChunksAreReadOnlyWhenTheirTurnComes() throws Exception {
        Path file = Files.write(tmp.resolve("exact.zip"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (JobUpload.FileChunks chunks = new JobUpload.FileChunks(file, 8, 4, UploadKeys.STREAMER)) {
            assertEquals(3, chunks.count());
            assertArrayEquals(new byte[] {1, 2, 3, 4}, (byte[]) chunks.get(0).get(JobUpload.KEY_DATA));
            Files.write(file, new byte[] {9, 9, 9, 9, 8, 7, 6, 5}); // nothing beyond chunk 0 was read yet
            Map<String, Object> second = chunks.get(1);
            assertArrayEquals(new byte[] {8, 7, 6, 5}, (byte[]) second.get(JobUpload.KEY_DATA));
            assertEquals(List.of(4L, false), List.of(second.get(JobUpload.KEY_SIZE), second.get(JobUpload.KEY_EOF)));
            Map<String, Object> last = chunks.get(2);
            assertArrayEquals(new byte[0], (byte[]) last.get(JobUpload.KEY_DATA));
            assertEquals(List.of(0L, true), List.of(last.get(JobUpload.KEY_SIZE), last.get(JobUpload.KEY_EOF)));
        }
    }

    @Test
    void aStagedZipUploadsFromItsFileInOrderedChunks() throws Exception {
        Path job = job("big-job", 20_000);
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        byte[][] sent = new byte[1][];
        FakeStreamServer stream = withSession(s -> {}, (session, kit, fake) -> {
            try (SignedJobZip.Staged zip = SignedJobZip.stage(job, kit, staging, SignedJobZip.FILES)) {
                sent[0] = Files.readAllBytes(zip.file());
                HciReply reply = JobUpload.upload(
                        session, zip.file(), zip.size(), JobUpload.commandLine("big-job", null), 4096, "tx-9");
                assertEquals(FakeStreamServer.NEW_JOB_ID, reply.meta().get("job_id"));
            }
        });
        int chunks = sent[0].length / 4096 + 1;
        List<String> log = stream.log();
        assertEquals(chunks + 2, log.size(), log.toString());
        assertEquals(
                "chunk " + (chunks - 1) + " " + sent[0].length % 4096 + " eof peer=admin@nvidia.com",
                log.get(chunks - 1));
        assertEquals("submit job_mgmt.submit_job big-job token=ok verified", log.get(chunks));
        assertArrayEquals(sent[0], stream.lastUpload(), "reassembled byte for byte");
        assertEquals(List.of(), names(staging));
    }

    @Test
    void aStagedZipThatCannotBeReadMidwayIsALocalErrorAndTheServerDropsTheStream() throws Exception {
        Path zip = Files.write(tmp.resolve("short.zip"), new byte[10_000]);
        FakeStreamServer stream = withSession(s -> {}, (session, kit, fake) -> {
            FlareException e = assertThrows(
                    FlareException.class,
                    () -> JobUpload.upload(
                            session,
                            zip,
                            20_000,
                            JobUpload.commandLine("job", null),
                            4096,
                            "tx-1")); // the file ends before the size it claims
            assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
            assertEquals(ExitCodes.LOCAL, e.exitCode());
            assertTrue(e.getMessage().startsWith("Cannot read the staged job zip " + zip + ": "), e.getMessage());
        });
        assertEquals(
                List.of(
                        "chunk 0 4096 peer=admin@nvidia.com",
                        "chunk 1 4096 peer=admin@nvidia.com",
                        "abort TASK_ABORTED open"),
                stream.log());
    }

    @Test
    void submitTokenConflictCarriesTheExistingJobId() throws Exception {
        Path job = job("hello-numpy", 10);
        withSession(s -> {}, (session, kit, stream) -> {
            FlareException e = assertThrows(
                    FlareException.class, () -> JobUpload.submit(session, job, kit, FakeStreamServer.USED_TOKEN));
            assertEquals(ErrorCodes.SUBMIT_TOKEN_CONFLICT, e.errorCode());
            assertEquals(Map.of("existing_job_id", FakeStreamServer.EXISTING_JOB_ID), e.data());
            assertEquals(
                    "A job with this submit token already exists with different content. \u2014 submit token was"
                            + " already used for different job content",
                    e.getMessage());
            assertEquals("Use a new submit token when submitting different job content.", e.hint());
            assertEquals(4, e.exitCode());
        });
    }

    @Test
    void aJobTheServerRejectsIsJobInvalid() throws Exception {
        Path job = job("hello-numpy", 10);
        withSession(s -> {}, (session, kit, stream) -> {
            Path unsigned =
                    Files.write(tmp.resolve("unsigned.zip"), zipOf(Map.of("hello-numpy/meta.json", "{}".getBytes())));
            HciReply reply = JobUpload.upload(
                    session, unsigned, Files.size(unsigned), JobUpload.commandLine("hello-numpy", null), 1024, "tx");
            assertEquals("invalid_job_def", reply.status().orElseThrow());
            FlareApiException api = assertThrows(FlareApiException.class, () -> JobUpload.jobId("submit_job", reply));
            FlareException e = CliErrors.map(api, CliErrors.Op.SUBMIT, null, null);
            assertEquals(ErrorCodes.JOB_INVALID, e.errorCode());
            assertEquals(
                    "Job folder is not a valid NVFlare job. \u2014 invalid job definition: signature verification"
                            + " failed",
                    e.getMessage());
            assertEquals(1, e.exitCode());
        });
    }

    /** internal_submit_job's except clauses (job_cli.py:599-626) for each meta.status the server can answer with. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "submit_token_job_deleted|SUBMIT_TOKEN_JOB_DELETED|4|This submit token refers to a deleted job. \u2014 gone"
                        + "|Use a new submit token to submit the job again.",
                "not_authorized|AUTH_FAILED|2|Authentication failed. \u2014 user not authorized for the action 'submit_job x: gone'"
                        + "|Check startup kit credentials.",
                "internal_error|INTERNAL_ERROR|5|An unexpected error occurred. \u2014 server internal error: gone"
                        + "|This is likely a bug. Re-run in a development environment for a traceback, or report the issue.",
                "invalid_job_def|JOB_INVALID|1|Job folder is not a valid NVFlare job. \u2014 invalid job definition: gone"
                        + "|Check meta.json and config_fed_server.json."
            })
    void submitErrorsAreTheCliErrors(String status, String code, int exit, String message, String hint) {
        HciReply reply = ServerReplies.buffer()
                .error(
                        "no",
                        ServerReplies.makeMeta(
                                status, "gone", Map.of("job_id", "J1", "submit_record_state", "deleted")))
                .reply();
        FlareApiException api = assertThrows(FlareApiException.class, () -> JobUpload.jobId("submit_job x", reply));
        FlareException e = CliErrors.map(api, CliErrors.Op.SUBMIT, null, null);
        assertEquals(code, e.errorCode());
        assertEquals(exit, e.exitCode());
        assertEquals(message, e.getMessage());
        assertEquals(hint, e.hint());
        if (status.equals("submit_token_job_deleted")) {
            assertEquals(Map.of("job_id", "J1", "state", "deleted"), e.data());
        }
    }

    @Test
    void aReplyWithoutJobIdIsTheCliInternalError() {
        HciReply reply = ServerReplies.buffer().success("", null).reply();
        FlareException e = CliErrors.map(
                assertThrows(FlareApiException.class, () -> JobUpload.jobId("submit_job x", reply)),
                CliErrors.Op.SUBMIT,
                null,
                null);
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals("An unexpected error occurred. \u2014 server failed to return job id", e.getMessage());
    }

    @Test
    void commandLinesAreQuotedLikeJoinArgs() {
        assertEquals("job_mgmt.submit_job \"my job\" --submit-token t", JobUpload.commandLine("my job", "t"));
        assertEquals("a \"b\\\"c\" \"d\\\\e\"", HciArgs.join(List.of("a", "b\"c", "d\\e")));
    }

    // ---- download

    @Test
    void downloadRebuildsTheCapturedJobFolderWithPingsInBetween() throws Exception {
        Path source = CaptureTrees.materialize("28-job-download-tree.txt", tmp.resolve("server-side"));
        Path out = tmp.resolve("out");
        FakeStreamServer stream = withSession(
                s -> s.offer(FakeStreamServer.serverFiles(source))
                        .chunkSize(700)
                        .pings(),
                (session, kit, fake) -> {
                    Path folder = JobDownload.download(session, JOB_ID, out, false, null);
                    assertEquals(out.toAbsolutePath().resolve(JOB_ID), folder);
                    assertEquals(tree(source), tree(folder));
                    assertEquals(List.of(JOB_ID), names(out), "no staging folder is left behind");
                });
        assertEquals(
                List.of(
                        "eof R1",
                        "confirm R1 success nonce-R1",
                        "eof R2",
                        "confirm R2 success nonce-R2",
                        "eof R3",
                        "confirm R3 success nonce-R3"),
                stream.log());
    }

    @Test
    void aTransferCutOffMidwayFailsCleanly() throws Exception {
        Path source = CaptureTrees.materialize("28-job-download-tree.txt", tmp.resolve("server-side"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        withSession(
                s -> s.offer(FakeStreamServer.serverFiles(source))
                        .chunkSize(500)
                        .hangUpAfterChunks(3),
                (session, kit, stream) -> {
                    FlareException e = assertThrows(
                            FlareException.class, () -> JobDownload.download(session, JOB_ID, out, false, null));
                    assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
                    assertEquals(List.of(), names(out), "nothing half-written is left in the output folder");
                });
    }

    @Test
    void aZipEntryLeavingTheFolderIsRefused() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("meta.json", "{}".getBytes());
        files.put("workspace.zip", zipOf(Map.of("log.txt", "ok".getBytes(), "../../escaped.txt", "x".getBytes())));
        Path out = Files.createDirectories(tmp.resolve("a/b/out"));
        withSession(s -> s.offer(files), (session, kit, stream) -> {
            FlareException e =
                    assertThrows(FlareException.class, () -> JobDownload.download(session, JOB_ID, out, false, null));
            assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
            assertEquals(List.of(), names(out));
            assertFalse(Files.exists(tmp.resolve("a/escaped.txt")));
            assertFalse(Files.exists(tmp.resolve("a/b/escaped.txt")));
        });
    }

    @Test
    void aServerPathLeavingTheFolderIsRefused() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        withSession(s -> s.offer(Map.of("../meta.json", "{}".getBytes())), (session, kit, stream) -> {
            FlareException e =
                    assertThrows(FlareException.class, () -> JobDownload.download(session, JOB_ID, out, false, null));
            assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
            assertEquals(List.of(), names(out));
        });
    }

    @Test
    void aLocalWriteFailureCancelsTheTransferAtTheServer() throws Exception {
        FakeStreamServer stream = withSession(
                s -> s.offer(Map.of("workspace.zip", new byte[3000])).chunkSize(1000), (session, kit, fake) -> {
                    OutputStream full = new OutputStream() {
                        private int writes;

                        @Override
                        public void write(int b) throws IOException {
                            throw new IOException("disk full");
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            if (++writes > 1) {
                                throw new IOException("disk full");
                            }
                        }
                    };
                    ObjectDownload pull =
                            new ObjectDownload(session.cell(), session.auth().headers());
                    IOException e = assertThrows(IOException.class, () -> pull.pull("server", "R1", full));
                    assertEquals("disk full", e.getMessage());
                });
        assertEquals(List.of("cancel R1"), stream.log());
    }

    // ---- download: a chunk request that times out is re-sent (download_service.py:2221-2258)

    private static final int SHORT_TIMEOUT_MS = 500;

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(11).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aTimedOutChunkRequestIsResentWithTheSameStateAndTheFileArrivesIntact() throws Exception {
        byte[] content = randomBytes(3500);
        FakeClock clock = new FakeClock(0);
        FakeStreamServer stream = withSession(
                SHORT_TIMEOUT_MS,
                s -> s.offer(Map.of("workspace.zip", content)).chunkSize(1000).dropRequestsForChunk(1, 1, Drop.SILENT),
                (session, kit, fake) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    long received = new ObjectDownload(
                                    session.cell(), session.auth().headers(), clock)
                            .pull("server", "R1", out);
                    assertEquals(content.length, received);
                    assertArrayEquals(content, out.toByteArray(), "no byte duplicated or skipped");
                });
        assertEquals(List.of(2.0), clock.sleeps(), "one pause of 2 s before the retry");
        assertEquals(
                List.of("drop R1 @1000", "again R1 @1000", "eof R1", "confirm R1 success nonce-R1"),
                stream.log(),
                "the retry asks for the same chunk again, under a new request id");
    }

    @Test
    void aTimeoutReturnCodeIsRetriedLikeAMissingReply() throws Exception {
        byte[] content = randomBytes(2500);
        FakeClock clock = new FakeClock(0);
        FakeStreamServer stream = withSession(
                s -> s.offer(Map.of("workspace.zip", content))
                        .chunkSize(1000)
                        .dropRequestsForChunk(0, 2, Drop.TIMEOUT_CODE),
                (session, kit, fake) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    new ObjectDownload(session.cell(), session.auth().headers(), clock).pull("server", "R1", out);
                    assertArrayEquals(content, out.toByteArray());
                });
        assertEquals(List.of(2.0, 4.0), clock.sleeps());
        assertEquals(
                List.of(
                        "drop R1 @0",
                        "again R1 @0",
                        "drop R1 @0",
                        "again R1 @0",
                        "eof R1",
                        "confirm R1 success nonce-R1"),
                stream.log());
    }

    @Test
    void lateRepliesToTimedOutRequestsAreIgnored() throws Exception {
        byte[] content = randomBytes(3500);
        FakeClock clock = new FakeClock(0);
        FakeStreamServer stream = withSession(
                SHORT_TIMEOUT_MS,
                s -> s.offer(Map.of("workspace.zip", content)).chunkSize(1000).dropRequestsForChunk(2, 2, Drop.LATE),
                (session, kit, fake) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    long received = new ObjectDownload(
                                    session.cell(), session.auth().headers(), clock)
                            .pull("server", "R1", out);
                    assertEquals(content.length, received);
                    assertArrayEquals(
                            content,
                            out.toByteArray(),
                            "a late reply taken for a newer request would duplicate a chunk");
                });
        assertEquals(List.of(2.0, 4.0), clock.sleeps());
        // The late reply to the first attempt comes while the second waits (and then times out), the one to the
        // second just before the third attempt's own reply.
        assertEquals(
                List.of(
                        "drop R1 @2000",
                        "again R1 @2000",
                        "late reply",
                        "drop R1 @2000",
                        "again R1 @2000",
                        "late reply",
                        "eof R1",
                        "confirm R1 success nonce-R1"),
                stream.log());
    }

    @Test
    void aChunkNeverAnsweredFailsAfterThreeRetriesAndCancels() throws Exception {
        FakeClock clock = new FakeClock(0);
        FakeStreamServer stream = withSession(
                SHORT_TIMEOUT_MS,
                s -> s.offer(Map.of("workspace.zip", randomBytes(3000)))
                        .chunkSize(1000)
                        .dropRequestsForChunk(1, Integer.MAX_VALUE, Drop.SILENT),
                (session, kit, fake) -> {
                    ObjectDownload pull =
                            new ObjectDownload(session.cell(), session.auth().headers(), clock);
                    FlareException e = assertThrows(
                            FlareException.class, () -> pull.pull("server", "R1", new ByteArrayOutputStream()));
                    assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
                    assertEquals(
                            "The FLARE server did not answer download request R1 in time (4 attempts).",
                            e.getMessage());
                });
        assertEquals(List.of(2.0, 4.0, 8.0), clock.sleeps());
        assertEquals(
                List.of(
                        "drop R1 @1000",
                        "again R1 @1000",
                        "drop R1 @1000",
                        "again R1 @1000",
                        "drop R1 @1000",
                        "again R1 @1000",
                        "drop R1 @1000",
                        "cancel R1"),
                stream.log());
    }

    @Test
    void anInterruptDuringThePauseCancelsTheTransfer() throws Exception {
        PollClock interrupted = new PollClock() {
            @Override
            public double now() {
                return 0;
            }

            @Override
            public void sleep(double seconds) throws InterruptedException {
                throw new InterruptedException("build aborted");
            }
        };
        FakeStreamServer stream = withSession(
                SHORT_TIMEOUT_MS,
                s -> s.offer(Map.of("workspace.zip", randomBytes(3000)))
                        .chunkSize(1000)
                        .dropRequestsForChunk(1, 1, Drop.SILENT),
                (session, kit, fake) -> {
                    ObjectDownload pull =
                            new ObjectDownload(session.cell(), session.auth().headers(), interrupted);
                    assertThrows(
                            InterruptedException.class, () -> pull.pull("server", "R1", new ByteArrayOutputStream()));
                });
        assertEquals(List.of("drop R1 @1000", "cancel R1"), stream.log());
    }

    @Test
    void retryPausesDoubleFromTwoSecondsUpToAMinute() {
        assertEquals(
                List.of(2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0),
                Stream.of(1, 2, 3, 4, 5, 6, 7)
                        .map(ObjectDownload::backoffSeconds)
                        .toList());
    }

    @Test
    void anExistingDownloadNeedsForce() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(Files.createDirectories(out.resolve(JOB_ID)).resolve("old.txt"), "old");
        withSession(s -> s.offer(Map.of("meta.json", "{\"new\": true}".getBytes())), (session, kit, stream) -> {
            FlareException e =
                    assertThrows(FlareException.class, () -> JobDownload.download(session, JOB_ID, out, false, null));
            assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
            assertTrue(e.getMessage().contains("already exists"), e.getMessage());
            assertTrue(Files.exists(out.resolve(JOB_ID).resolve("old.txt")), "untouched without force");

            Path folder = JobDownload.download(session, JOB_ID, out, true, null);
            assertEquals(List.of("meta.json"), names(folder));
            assertEquals(List.of(JOB_ID), names(out));
        });
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsTheCliError() throws Exception {
        Path out = Files.writeString(tmp.resolve("out"), "a file, not a folder");
        withSession(s -> s.offer(Map.of("meta.json", "{}".getBytes())), (session, kit, stream) -> {
            FlareException e =
                    assertThrows(FlareException.class, () -> JobDownload.download(session, JOB_ID, out, false, null));
            assertEquals(ErrorCodes.OUTPUT_DIR_NOT_WRITABLE, e.errorCode());
            assertTrue(
                    e.getMessage().startsWith("Cannot write to output directory " + out.toAbsolutePath() + ". \u2014 "),
                    e.getMessage());
            assertEquals(1, e.exitCode());
        });
    }

    /**
     * A local file that cannot be created is the CLI's OSError (OUTPUT_DIR_NOT_WRITABLE), not a transfer that broke
     * off: the server offering the same path twice fails on CREATE_NEW, even for root.
     */
    @Test
    void aFileThatCannotBeCreatedLocallyIsOutputDirNotWritable() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("meta.json", "{}".getBytes());
        files.put("./meta.json", "{\"again\": true}".getBytes()); // the same file below the job folder
        FakeStreamServer stream = withSession(s -> s.offer(files), (session, kit, fake) -> {
            FlareException e =
                    assertThrows(FlareException.class, () -> JobDownload.download(session, JOB_ID, out, false, null));
            assertEquals(ErrorCodes.OUTPUT_DIR_NOT_WRITABLE, e.errorCode(), e.getMessage());
            assertEquals(1, e.exitCode());
            assertTrue(
                    e.getMessage()
                            .startsWith("Cannot write to output directory " + out.toAbsolutePath()
                                    + ". \u2014 File exists: '"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("meta.json'"), e.getMessage());
            assertEquals(List.of(), names(out), "the staging folder is removed");
        });
        assertEquals(
                List.of("eof R1", "confirm R1 success nonce-R1"), stream.log(), "the second file was never pulled");
    }

    /** A folder that cannot be made because a downloaded file is in the way: local too. */
    @Test
    void aFolderBlockedByADownloadedFileIsOutputDirNotWritable() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("app", "a file".getBytes());
        files.put("app/config.json", "{}".getBytes());
        withSession(s -> s.offer(files), (session, kit, stream) -> {
            FlareException e =
                    assertThrows(FlareException.class, () -> JobDownload.download(session, JOB_ID, out, false, null));
            assertEquals(ErrorCodes.OUTPUT_DIR_NOT_WRITABLE, e.errorCode(), e.getMessage());
            assertTrue(e.getMessage().contains("File exists: '"), e.getMessage());
            assertEquals(List.of(), names(out));
        });
    }

    @Test
    void localErrorsReadLikePythonsOsError() {
        Path p = Path.of("/x/y");
        assertEquals(
                "File exists: '/x/y'", JobDownload.localDetail(new java.nio.file.FileAlreadyExistsException("/x/y")));
        assertEquals(
                "Permission denied: '/x/y'",
                JobDownload.localDetail(new java.nio.file.AccessDeniedException(p.toString())));
        assertEquals(
                "/x/y: Read-only file system",
                JobDownload.localDetail(new java.nio.file.FileSystemException("/x/y", null, "Read-only file system")));
        assertEquals("No space left on device", JobDownload.localDetail(new IOException("No space left on device")));
    }

    @Test
    void aJobStillRunningIsNotDownloaded() throws Exception {
        Path out = tmp.resolve("out");
        FakeStreamServer stream = withSession(
                s -> s.jobStatus("RUNNING").offer(Map.of("meta.json", "{}".getBytes())), (session, kit, fake) -> {
                    FlareException e = assertThrows(
                            FlareException.class, () -> JobDownload.download(session, JOB_ID, out, false, "cancer"));
                    assertEquals(ErrorCodes.JOB_NOT_DONE, e.errorCode());
                    assertEquals(
                            "Job '" + JOB_ID + "' has not finished. \u2014 current status: RUNNING; searched study"
                                    + " 'cancer'",
                            e.getMessage());
                    assertEquals(
                            "Use 'nvflare job wait " + JOB_ID + " --study cancer' or 'nvflare job monitor " + JOB_ID
                                    + " --study cancer' before downloading results.",
                            e.hint());
                    assertFalse(Files.exists(out));
                });
        assertEquals(List.of(), stream.log(), "nothing was pulled");
    }

    @Test
    void anUnfinishedJobIsNotDone() throws Exception {
        Path out = tmp.resolve("out");
        withSession(s -> s.downloadStatus("job_running"), (session, kit, stream) -> {
            FlareException e =
                    assertThrows(FlareException.class, () -> JobDownload.download(session, JOB_ID, out, false, null));
            assertEquals(ErrorCodes.JOB_NOT_DONE, e.errorCode());
            assertEquals(
                    "Job '" + JOB_ID + "' has not finished. \u2014 job " + JOB_ID + " is still running; searched"
                            + " study 'default'",
                    e.getMessage());
            assertFalse(Files.exists(out.resolve(JOB_ID)));
        });
    }

    // ---- helpers

    private static byte[] zipOf(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Relative path → content (directories as empty markers) of a folder. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                tree.put(rel, Files.isDirectory(p) ? "<dir>" : Files.readString(p));
            }
        }
        return tree;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path job(String name, int customBytes) throws IOException {
        Path job = Files.createDirectories(tmp.resolve("jobs").resolve(name));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"" + name + "\"}");
        Files.createDirectories(job.resolve("app/config"));
        Files.writeString(job.resolve("app/config/config_fed_server.json"), "{}");
        byte[] custom = new byte[customBytes];
        new Random(7).nextBytes(custom);
        Files.write(Files.createDirectories(job.resolve("app/custom")).resolve("model.bin"), custom);
        return job;
    }

    private static CellRequester cell(SSLSocket socket) throws Exception {
        SfmConnection conn =
                new SfmConnection(socket.getInputStream(), socket.getOutputStream(), new SfmCodec(1 << 20), socket);
        String me = AdminCellName.random();
        conn.connect(new SfmHandshake(me, 1.0, Map.of()));
        return new CellRequester(conn, me, () -> UUID.randomUUID().toString(), () -> 1.7e9);
    }

    private static SSLSocket connect(AdminIdentity kit, int port) throws Exception {
        SSLSocket socket = KitTls.configure((SSLSocket)
                KitTls.clientContext(kit).getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static AdminIdentity kit(Path startup) throws Exception {
        Files.createDirectories(startup);
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes("root-ca.crt"));
        return AdminIdentity.load(startup);
    }
}
