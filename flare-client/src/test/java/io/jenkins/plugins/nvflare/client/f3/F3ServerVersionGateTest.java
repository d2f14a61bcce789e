package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.FlareVersion;
import io.jenkins.plugins.nvflare.client.JobSummary;
import io.jenkins.plugins.nvflare.client.ListFilter;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.session.KitAdminSessions;
import io.jenkins.plugins.nvflare.client.f3.session.VerifiedVersions;
import io.jenkins.plugins.nvflare.client.f3.testing.CliCaptures;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeClock;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.ScriptedHci;
import io.jenkins.plugins.nvflare.client.f3.testing.ServerReplies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a 2.7 server cannot do is refused before it is sent, as live against 2.7.2 (f3/live/v272-*.reply.json): that
 * server answers {@code get_job_log} with {@code Unknown command}, which the CLI's mapping calls "likely a bug".
 */
class F3ServerVersionGateTest {
    private static final String JOB = "db8c38aa-883e-42f2-9ba7-b3b21921d557";

    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    @Test
    void logsOnA272ServerNameTheVersionTheyNeedAndSendNothing() throws Exception {
        ScriptedHci session = new ScriptedHci()
                .serverVersion(FlareVersion.BEFORE_2_8)
                .on(
                        "get_job_log " + JOB + " server log.json",
                        HciReply.parse(F3Fixtures.text("live/v272-get-job-log.reply.json")));
        NativeFlareClient client = new NativeFlareClient(study -> session, new FakeClock(0));
        FlareException e = assertThrows(
                FlareException.class, () -> client.logs(JOB, new LogRequest(null, null, null, null, null)));
        assertEquals(ErrorCodes.FLARE_VERSION_UNSUPPORTED, e.errorCode());
        assertEquals(
                "Job logs (the server's get_job_log command) need NVFlare 2.8.0 or later; the FLARE server is"
                        + " NVFlare older than 2.8.0.",
                e.getMessage());
        assertTrue(e.hint().contains("flareDownload"), e.hint());
        assertEquals(List.of(), session.sent());
    }

    @Test
    void listingBySubmitTokenOnA272ServerIsRefusedAndPlainListingWorks() throws Exception {
        ScriptedHci session = new ScriptedHci()
                .serverVersion(FlareVersion.BEFORE_2_8)
                .on("list_jobs", ServerReplies.jobList(CliCaptures.dataList("24-job-list-running")));
        NativeFlareClient client = new NativeFlareClient(study -> session, new FakeClock(0));
        FlareException e =
                assertThrows(FlareException.class, () -> client.list(new ListFilter(null, null, null, "tok-1", null)));
        assertEquals(ErrorCodes.FLARE_VERSION_UNSUPPORTED, e.errorCode());
        assertTrue(e.getMessage().startsWith("Submit tokens need NVFlare 2.8.0 or later"), e.getMessage());
        assertEquals(List.of(), session.sent());
        List<JobSummary> jobs = client.list(ListFilter.all(null));
        assertEquals(7, jobs.size());
        assertEquals(List.of("list_jobs"), session.sent());
    }

    @Test
    void aStudyOnA272ServerIsRefusedAfterTheLoginAsksTheVersion() throws Exception {
        String unknown = F3Fixtures.text("live/v272-report-version.reply.json");
        try (FakeFlareServer server = new FakeFlareServer()) {
            server.answering(line -> line.equals("report_version server") ? unknown : null)
                    // a 2.7 server ignores the study header and logs in to its only job store
                    .answeringCertLogin(study -> "{\"time\": \"t\", \"data\": [{\"type\": \"token\", \"data\": \""
                            + FakeFlareServer.HCI_TOKEN + "\"}], \"meta\": {\"status\": \"ok\"}}");
            serverThread.submit(server::serve);
            NativeFlareClient client = new NativeFlareClient(
                    new KitAdminSessions(
                            F3Fixtures.adminKit(tmp.resolve("kit"), "tcp", server.port()), Duration.ofSeconds(10)),
                    new FakeClock(0));
            FlareException e = assertThrows(FlareException.class, () -> client.list(ListFilter.all("cancer")));
            assertEquals(ErrorCodes.FLARE_VERSION_UNSUPPORTED, e.errorCode());
            assertEquals(
                    "Studies other than 'default' need NVFlare 2.8.0 or later; the FLARE server at 127.0.0.1:"
                            + server.port() + " is NVFlare older than 2.8.0.",
                    e.getMessage());
            List<String> log = server.log();
            assertTrue(log.stream().anyMatch(l -> l.startsWith("command report_version server")), log.toString());
            assertFalse(log.stream().anyMatch(l -> l.startsWith("command list_jobs")), log.toString());
        }
    }

    /**
     * A server outside the verified versions (a later release than the 2.9 line) is refused right after the login
     * asked its version, before any command, and the answer names the cli transport.
     */
    @Test
    void aServerOutsideTheVerifiedVersionsIsRefusedNamingTheCliTransport() throws Exception {
        String later = F3Fixtures.text("live/v281-report-version.reply.json").replace("2.8.1", "2.10.0");
        try (FakeFlareServer server = new FakeFlareServer()) {
            server.answering(line -> line.equals("report_version server") ? later : null);
            serverThread.submit(server::serve);
            NativeFlareClient client = new NativeFlareClient(
                    new KitAdminSessions(
                            F3Fixtures.adminKit(tmp.resolve("kit"), "tcp", server.port()), Duration.ofSeconds(10)),
                    new FakeClock(0));
            FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
            assertEquals(ErrorCodes.FLARE_VERSION_UNSUPPORTED, e.errorCode());
            assertEquals(
                    "The FLARE server at 127.0.0.1:" + server.port() + " is NVFlare 2.10.0; the native transport is"
                            + " verified with NVFlare 2.7.x, 2.8.x and 2.9 (main) only, so it sends nothing to this"
                            + " server.",
                    e.getMessage());
            assertEquals(
                    "Use the cli transport (transport: 'cli') with an nvflare of the server's version on the agent"
                            + " (pip install 'nvflare==2.10.*').",
                    e.hint());
            List<String> log = server.log();
            assertTrue(log.stream().anyMatch(l -> l.startsWith("command report_version server")), log.toString());
            assertFalse(log.stream().anyMatch(l -> l.startsWith("command get_job_meta")), log.toString());
        }
    }

    @Test
    void theVerifiedVersionsAre27To29() {
        for (String v : List.of("2.7.0", "2.7.2", "2.8.1", "2.9.0dev0+158.gf3b7c1bff.dirty", "2.9.3")) {
            assertTrue(VerifiedVersions.verified(FlareVersion.parse(v).orElseThrow()), v);
        }
        assertTrue(VerifiedVersions.verified(FlareVersion.BEFORE_2_8), "a server without report_version");
        for (String v : List.of("2.6.1", "2.10.0", "3.0.0")) {
            assertFalse(VerifiedVersions.verified(FlareVersion.parse(v).orElseThrow()), v);
        }
    }
}
