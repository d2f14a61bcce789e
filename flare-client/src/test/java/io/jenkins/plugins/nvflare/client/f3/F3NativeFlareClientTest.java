package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobMeta;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.ListFilter;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
                    ? ServerReplies.buffer().dict(jobMeta, ServerReplies.makeMeta("ok", "", Map.of("job_meta", jobMeta))).json()
                    : null);
            Future<Void> served = serverThread.submit(server::serve);
            NativeFlareClient client = new NativeFlareClient(kit("tcp", server.port()));
            JobMeta meta = client.meta(JOB, null);
            served.get(10, TimeUnit.SECONDS);
            assertEquals(CliCaptures.client(tmp, "26-job-meta").meta(JOB, null), meta);
            assertEquals(List.of("hello admin-cell", "challenge from admin@nvidia.com", "register admin signed",
                    "cert_login admin@nvidia.com signed study=default", "command get_job_meta " + JOB + " token=ok",
                    "command _logout token=ok"), server.log());
        }
    }

    @Test
    void eachCallOpensASessionForItsStudyAndClosesIt() throws Exception {
        List<String> studies = new ArrayList<>();
        List<ScriptedHci> sessions = new ArrayList<>();
        Map<String, Object> done = CliCaptures.dataMap("26-job-meta");
        NativeFlareClient client = new NativeFlareClient(study -> {
            studies.add(study);
            ScriptedHci s = new ScriptedHci()
                    .on("get_job_meta " + JOB, ServerReplies.jobMeta(done))
                    .on("list_jobs", ServerReplies.jobList(CliCaptures.dataList("24-job-list-running")));
            sessions.add(s);
            return s;
        }, new FakeClock(1_795_562_340.0));

        assertEquals("hello-numpy", client.meta(JOB, "default").name());
        assertEquals(7, client.list(ListFilter.all("cancer")).size());
        assertEquals(JobOutcome.COMPLETED, client.waitForJob(JOB, WaitOptions.defaults(null)).outcome());
        List<String> events = new ArrayList<>();
        client.monitor(JOB, WaitOptions.defaults(null), e -> events.add(e.event()));
        assertEquals(List.of("progress", "terminal"), events);
        assertEquals(java.util.Arrays.asList("default", "cancer", null, null), studies);
        assertTrue(sessions.stream().allMatch(ScriptedHci::closed));
    }

    @Test
    void submitChecksTheJobFolderBeforeConnecting() throws Exception {
        NativeFlareClient client = new NativeFlareClient(study -> {
            throw new AssertionError("no session needed");
        }, new FakeClock(0));
        Path notAJob = Files.createDirectories(tmp.resolve("not-a-job"));
        FlareException e = assertThrows(FlareException.class, () -> client.submit(new SubmitRequest(notAJob, null, null)));
        assertEquals(ErrorCodes.JOB_FOLDER_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("meta.(json|conf|yml|yaml)"), e.getMessage());
    }

    @Test
    void jobIdThatIsNotOneTokenIsRejectedBeforeConnecting() {
        NativeFlareClient client = new NativeFlareClient(study -> {
            throw new AssertionError("no session needed");
        }, new FakeClock(0));
        for (String bad : new String[] {"", "-x", "a b", "abc\n"}) {
            FlareException e = assertThrows(FlareException.class, () -> client.logs(bad, new LogRequest(null, null, null, null, null)));
            assertEquals(ErrorCodes.INVALID_ARGS, e.errorCode());
        }
    }

    @Test
    void kitWithTheHttpSchemeRunsTheCallOverTheWebSocket() throws Exception {
        Map<String, Object> jobMeta = CliCaptures.dataMap("26-job-meta");
        try (FakeFlareServer server = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(server.tls(), true)) {
            server.answering(line -> line.equals("get_job_meta " + JOB)
                    ? ServerReplies.buffer().dict(jobMeta, ServerReplies.makeMeta("ok", "", Map.of("job_meta", jobMeta))).json()
                    : null);
            Future<Void> served = serverThread.submit(() -> {
                try (SfmConnection conn = ws.accept(Duration.ofSeconds(10))) {
                    server.serveOn(conn);
                }
                return null;
            });
            JobMeta meta = new NativeFlareClient(kit("http", ws.port())).meta(JOB, null);
            served.get(10, TimeUnit.SECONDS);
            assertEquals(CliCaptures.client(tmp, "26-job-meta").meta(JOB, null), meta);
            assertEquals("/f3", ws.request().getUrl().encodedPath());
            assertEquals(List.of("hello admin-cell", "challenge from admin@nvidia.com", "register admin signed",
                    "cert_login admin@nvidia.com signed study=default", "command get_job_meta " + JOB + " token=ok",
                    "command _logout token=ok"), server.log());
        }
    }

    @Test
    void kitWithTheGrpcSchemeIsRefusedClearly() throws Exception {
        NativeFlareClient client = new NativeFlareClient(kit("grpc", 8002));
        FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("does not support the grpc scheme"), e.getMessage());
        assertTrue(e.hint().contains("CLI transport"), e.hint());
    }

    private Path kit(String scheme, int port) throws Exception {
        return F3Fixtures.adminKit(tmp.resolve("kit-" + scheme), scheme, port);
    }
}
