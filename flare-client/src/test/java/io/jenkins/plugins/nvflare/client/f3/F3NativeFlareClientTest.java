package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobMeta;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.ListFilter;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.session.AdminSession;
import io.jenkins.plugins.nvflare.client.f3.session.KitAdminSessions;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.testing.CliCaptures;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeClock;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeStreamServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeWebSocketServer;
import io.jenkins.plugins.nvflare.client.f3.testing.ScriptedHci;
import io.jenkins.plugins.nvflare.client.f3.testing.ServerReplies;
import io.jenkins.plugins.nvflare.client.f3.transfer.JobUpload;
import io.jenkins.plugins.nvflare.client.f3.transfer.SignedJobZip;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NativeFlareClient: a session per call, and end to end through FakeFlareServer (real mTLS, login, get_job_meta). */
class F3NativeFlareClientTest {
    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    @Test
    void metaEndToEndOverMutualTlsIsTheCliResult() throws Exception {
        Map<String, Object> jobMeta = CliCaptures.dataMap("26-job-meta");
        try (FakeFlareServer server = new FakeFlareServer()) {
            server.answering(line -> line.equals("get_job_meta " + JOB)
                    ? ServerReplies.buffer()
                            .dict(jobMeta, ServerReplies.makeMeta("ok", "", Map.of("job_meta", jobMeta)))
                            .json()
                    : null);
            Future<Void> served = serverThread.submit(server::serve);
            NativeFlareClient client = new NativeFlareClient(kit("tcp", server.port()));
            JobMeta meta = client.meta(JOB, null);
            client.close(); // logs out: the client keeps its session until then
            served.get(10, TimeUnit.SECONDS);
            assertEquals(CliCaptures.client(tmp, "26-job-meta").meta(JOB, null), meta);
            assertEquals(
                    List.of(
                            "hello admin-cell",
                            "challenge from admin@nvidia.com",
                            "register admin signed",
                            "cert_login admin@nvidia.com signed study=default",
                            "command report_version server token=ok",
                            "command get_job_meta " + JOB + " token=ok",
                            "command _logout token=ok"),
                    server.log());
        }
    }

    @Test
    void eachCallOpensASessionForItsStudyAndClosesIt() throws Exception {
        List<String> studies = new ArrayList<>();
        List<ScriptedHci> sessions = new ArrayList<>();
        Map<String, Object> done = CliCaptures.dataMap("26-job-meta");
        NativeFlareClient client = new NativeFlareClient(
                study -> {
                    studies.add(study);
                    ScriptedHci s = new ScriptedHci()
                            .on("get_job_meta " + JOB, ServerReplies.jobMeta(done))
                            .on("list_jobs", ServerReplies.jobList(CliCaptures.dataList("24-job-list-running")));
                    sessions.add(s);
                    return s;
                },
                new FakeClock(1_795_562_340.0));

        assertEquals("hello-numpy", client.meta(JOB, "default").name());
        assertEquals(7, client.list(ListFilter.all("cancer")).size());
        assertEquals(
                JobOutcome.COMPLETED,
                client.waitForJob(JOB, WaitOptions.defaults(null)).outcome());
        List<String> events = new ArrayList<>();
        client.monitor(JOB, WaitOptions.defaults(null), e -> events.add(e.event()));
        assertEquals(List.of("progress", "terminal"), events);
        assertEquals(java.util.Arrays.asList("default", "cancer", null, null), studies);
        assertTrue(sessions.stream().allMatch(ScriptedHci::closed));
    }

    @Test
    void submitChecksTheJobFolderBeforeConnecting() throws Exception {
        NativeFlareClient client = new NativeFlareClient(
                study -> {
                    throw new AssertionError("no session needed");
                },
                new FakeClock(0));
        Path notAJob = Files.createDirectories(tmp.resolve("not-a-job"));
        FlareException e =
                assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(notAJob, null, null)));
        // what the server answers the CLI after the upload, here before connecting
        assertEquals(ErrorCodes.JOB_INVALID, e.errorCode());
        assertEquals(ExitCodes.JOB_OR_SERVER_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("meta.(json|conf|yml|yaml)"), e.getMessage());
    }

    @Test
    void submitChecksTheTokenBeforeReadingTheJobFolder() throws Exception {
        NativeFlareClient client = new NativeFlareClient(
                new AdminSession.Factory() {
                    @Override
                    public AdminSession open(String study) {
                        throw new AssertionError("no session needed");
                    }

                    @Override
                    public AdminIdentity kit() {
                        throw new AssertionError("nothing is signed for a bad token");
                    }
                },
                new FakeClock(0));
        FlareException e = assertThrows(
                FlareException.class,
                () -> client.submit(new SubmitRequest(tmp.resolve("no-such-job"), null, "bad token!")));
        assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        assertEquals(ExitCodes.INVALID_ARGS, e.exitCode());
    }

    /**
     * Memory stays bounded by a chunk: the signed zip goes to an owner-only temporary file before connecting and
     * every chunk is read from it when it is sent — while the chunks arrive the whole zip is on disk, the server
     * reassembles exactly its bytes, and the file is gone afterwards.
     */
    @Test
    void submitStreamsAJobOfSeveralChunksFromAPrivateTemporaryFileAndDeletesIt() throws Exception {
        Path job = job("big-job", 3 * JobUpload.CHUNK_SIZE + 12_345);
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        List<String> seen = new ArrayList<>();
        byte[][] staged = new byte[1][];
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer stream = FakeStreamServer.install(server).watchUploads(seq -> {
                List<Path> files = list(staging);
                seen.add(seq + ":" + files.size());
                if (seq == 0) {
                    Path zip = files.get(0);
                    assertTrue(zip.getFileName().toString().startsWith(SignedJobZip.TEMP_PREFIX), zip.toString());
                    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)));
                    }
                    staged[0] = Files.readAllBytes(zip);
                }
            });
            Future<Void> served = serverThread.submit(server::serve);
            NativeFlareClient client = new NativeFlareClient(
                    new KitAdminSessions(kit("tcp", server.port()), Duration.ofSeconds(10)),
                    new FakeClock(0),
                    staging,
                    SignedJobZip.FILES);
            assertEquals(FakeStreamServer.NEW_JOB_ID, client.submit(new SubmitRequest(job, null, null)));
            served.get(10, TimeUnit.SECONDS);

            byte[] uploaded = stream.lastUpload();
            assertArrayEquals(staged[0], uploaded, "the server got the staged file byte for byte");
            int chunks = uploaded.length / JobUpload.CHUNK_SIZE + 1;
            assertTrue(chunks >= 4, "the zip spans several chunks: " + chunks);
            List<String> log = stream.log();
            for (int i = 0; i < chunks - 1; i++) {
                assertEquals("chunk " + i + " " + JobUpload.CHUNK_SIZE + " peer=admin@nvidia.com", log.get(i));
            }
            assertEquals(
                    "chunk " + (chunks - 1) + " " + uploaded.length % JobUpload.CHUNK_SIZE
                            + " eof peer=admin@nvidia.com",
                    log.get(chunks - 1));
            assertEquals("submit job_mgmt.submit_job big-job token=ok verified", log.get(chunks));
            List<String> onDisk = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                onDisk.add(i + ":1");
            }
            assertEquals(onDisk, seen, "the staged zip was on disk while every chunk was sent");
            assertEquals(List.of(), list(staging), "the staged zip is deleted after the upload");
        }
    }

    @Test
    void theStagedZipIsDeletedWhenTheUploadBreaksOffMidway() throws Exception {
        Path job = job("big-job", 3 * JobUpload.CHUNK_SIZE);
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        List<Integer> seen = new ArrayList<>();
        try (FakeFlareServer server = new FakeFlareServer()) {
            FakeStreamServer stream = FakeStreamServer.install(server)
                    .hangUpAtUploadChunk(2)
                    .watchUploads(seq -> seen.add(list(staging).size()));
            Future<Void> served = serverThread.submit(server::serve);
            NativeFlareClient client = new NativeFlareClient(
                    new KitAdminSessions(kit("tcp", server.port()), Duration.ofSeconds(10)),
                    new FakeClock(0),
                    staging,
                    SignedJobZip.FILES);
            FlareException e =
                    assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(job, null, null)));
            served.get(10, TimeUnit.SECONDS);
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            assertEquals(
                    List.of(
                            "chunk 0 " + JobUpload.CHUNK_SIZE + " peer=admin@nvidia.com",
                            "chunk 1 " + JobUpload.CHUNK_SIZE + " peer=admin@nvidia.com",
                            "hang up at chunk 2"),
                    stream.log());
            assertEquals(List.of(1, 1, 1), seen);
            assertEquals(List.of(), list(staging), "the staged zip is deleted after a failed upload too");
        }
    }

    /**
     * A job file that cannot be read is the job folder's problem, found before connecting: here a file turns into
     * a folder between the folder check and the signing (a real read failure even for root, who can read a
     * file without read permission).
     */
    @Test
    void aJobFileThatCannotBeReadIsALocalErrorNamingItWithoutConnecting() throws Exception {
        Path job = job("hello-numpy", 1000);
        Path model = job.resolve("app/custom/model.bin");
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        AdminIdentity kit = AdminIdentity.load(kit("tcp", 1).resolve("startup"));
        AdminSession.Factory noServer = new AdminSession.Factory() {
            @Override
            public AdminSession open(String study) {
                throw new AssertionError("no session for a job that cannot be read");
            }

            @Override
            public AdminIdentity kit() {
                return kit;
            }
        };
        SignedJobZip.FileOpener changing = file -> {
            if (file.equals(model)) {
                Files.delete(model);
                Files.createDirectory(model);
            }
            return SignedJobZip.FILES.open(file);
        };
        NativeFlareClient client = new NativeFlareClient(noServer, new FakeClock(0), staging, changing);
        FlareException e = assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(job, null, null)));
        // the CLI's copytree fails on it and its global handler reports INTERNAL_ERROR
        assertEquals(ErrorCodes.INTERNAL_ERROR, e.errorCode());
        assertEquals(ExitCodes.INTERNAL_ERROR, e.exitCode());
        assertTrue(e.getMessage().startsWith("Cannot read the job file " + model + ": "), e.getMessage());
        assertTrue(e.hint().contains("permissions"), e.hint());
        assertEquals(List.of(), list(staging), "nothing is left in the temporary folder");
    }

    /** What argparse refuses never reaches a session; any other id is the server's to judge (the contract suite). */
    @Test
    void jobIdsArgparseRefusesAreRejectedBeforeConnecting() {
        NativeFlareClient client = new NativeFlareClient(
                study -> {
                    throw new AssertionError("no session needed");
                },
                new FakeClock(0));
        for (String bad : new String[] {null, "-x", "--help"}) {
            FlareException e = assertThrows(
                    FlareException.class, () -> client.logs(bad, new LogRequest(null, null, null, null, null)));
            assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
            assertEquals(ExitCodes.INVALID_ARGS, e.exitCode());
        }
    }

    /** flare_api's _validate_job_id: an empty id is JobNotFound (for stats a ValueError), without a command. */
    @Test
    void anEmptyJobIdIsWhatFlareApiMakesOfIt() throws Exception {
        List<ScriptedHci> sessions = new ArrayList<>();
        NativeFlareClient client = new NativeFlareClient(
                study -> {
                    ScriptedHci s = new ScriptedHci();
                    sessions.add(s);
                    return s;
                },
                new FakeClock(0));
        FlareException meta = assertThrows(FlareException.class, () -> client.meta("", null));
        assertEquals(ErrorCodes.JOB_NOT_FOUND, meta.errorCode());
        assertEquals("Job '' does not exist. \u2014 searched study 'default'", meta.getMessage());
        FlareException stats = assertThrows(FlareException.class, () -> client.stats("", null, null));
        assertEquals(ErrorCodes.INTERNAL_ERROR, stats.errorCode());
        assertEquals("An unexpected error occurred. \u2014 job_id is required but not specified.", stats.getMessage());
        assertTrue(sessions.stream().allMatch(s -> s.sent().isEmpty()));
    }

    @Test
    void sinceIsCheckedBeforeConnecting() {
        NativeFlareClient client = new NativeFlareClient(
                study -> {
                    throw new AssertionError("no session needed");
                },
                new FakeClock(0));
        FlareException e =
                assertThrows(FlareException.class, () -> client.logs(JOB, new LogRequest(null, null, "", null, null)));
        assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        assertEquals(
                "argument --since: --since must be a non-empty timestamp; accepted formats include ISO timestamps"
                        + " such as 2026-04-28T10:00:00 or 2026-04-28T10:00:00Z",
                e.getMessage());
    }

    @Test
    void kitWithTheHttpSchemeRunsTheCallOverTheWebSocket() throws Exception {
        Map<String, Object> jobMeta = CliCaptures.dataMap("26-job-meta");
        try (FakeFlareServer server = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(server.tls(), true)) {
            server.answering(line -> line.equals("get_job_meta " + JOB)
                    ? ServerReplies.buffer()
                            .dict(jobMeta, ServerReplies.makeMeta("ok", "", Map.of("job_meta", jobMeta)))
                            .json()
                    : null);
            Future<Void> served = serverThread.submit(() -> {
                try (SfmConnection conn = ws.accept(Duration.ofSeconds(10))) {
                    server.serveOn(conn);
                }
                return null;
            });
            JobMeta meta;
            try (NativeFlareClient client = new NativeFlareClient(kit("http", ws.port()))) {
                meta = client.meta(JOB, null);
            }
            served.get(10, TimeUnit.SECONDS);
            assertEquals(CliCaptures.client(tmp, "26-job-meta").meta(JOB, null), meta);
            assertEquals("/f3", ws.request().getUrl().encodedPath());
            assertEquals(
                    List.of(
                            "hello admin-cell",
                            "challenge from admin@nvidia.com",
                            "register admin signed",
                            "cert_login admin@nvidia.com signed study=default",
                            "command report_version server token=ok",
                            "command get_job_meta " + JOB + " token=ok",
                            "command _logout token=ok"),
                    server.log());
        }
    }

    private Path job(String name, int modelBytes) throws Exception {
        Path job = Files.createDirectories(tmp.resolve("jobs").resolve(name));
        Files.writeString(job.resolve("meta.json"), "{\"name\": \"" + name + "\"}");
        Files.writeString(Files.createDirectories(job.resolve("app/config")).resolve("config_fed_server.json"), "{}");
        byte[] model = new byte[modelBytes];
        new Random(7).nextBytes(model); // incompressible: the zip is as large as the model
        Files.write(Files.createDirectories(job.resolve("app/custom")).resolve("model.bin"), model);
        return job;
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private Path kit(String scheme, int port) throws Exception {
        return F3Fixtures.adminKit(tmp.resolve("kit-" + scheme), scheme, port);
    }
}
