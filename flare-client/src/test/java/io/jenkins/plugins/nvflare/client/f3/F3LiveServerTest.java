package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.DownloadRequest;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.ListFilter;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.cli.CliConfig;
import io.jenkins.plugins.nvflare.client.cli.CliFlareClient;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.session.AdminLogin;
import io.jenkins.plugins.nvflare.client.f3.testing.CliCaptures;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeClock;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.ScriptedHci;
import io.jenkins.plugins.nvflare.client.f3.testing.ServerReplies;
import io.jenkins.plugins.nvflare.client.f3.transfer.JobUpload;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differences found by running the native transport against a live NVFlare 2.9-dev POC server (see
 * src/test/resources/f3/live/README.md): the server's replies and the real CLI's output for the same calls are
 * fixtures, and the native result must be the CLI transport's result for that output.
 */
class F3LiveServerTest {
    /** The finished hello-numpy job of the live run the fixtures come from. */
    private static final String JOB = "d9dd7af5-a5c4-46a9-a1fe-0e9fc7e11b00";

    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    /**
     * {@code --study nosuchstudy}: the live server rejects {@code _cert_login} with
     * {@code REJECT: AUTH_STUDY_NOT_CONFIGURED: ...}; {@code nvflare job <op>} reports "Authentication failed. —
     * <detail>" with the study hint, except wait and monitor (generic hint). Before the fix the native transport
     * said "The FLARE server rejected the login (AUTH_STUDY_NOT_CONFIGURED): ..." with a kit hint.
     */
    @ParameterizedTest
    @ValueSource(strings = {"meta", "list", "wait", "monitor", "logs", "stats", "download", "submit"})
    void loginToAStudyTheServerDoesNotHaveIsTheCliError(String op) throws Exception {
        String cliOutput = live("cli-study-not-configured-" + op + (op.equals("monitor") ? ".jsonl" : ".json"));
        FlareException expected =
                assertThrows(FlareException.class, () -> call(op, cliClient(op, cliOutput, 2), "nosuchstudy"));

        FlareException actual;
        try (FakeFlareServer server = new FakeFlareServer()) {
            String rejection = live("cert-login-study-not-configured.reply.json");
            server.answeringCertLogin(study -> study.equals("nosuchstudy") ? rejection : null);
            Future<Void> served = serverThread.submit(server::serve);
            NativeFlareClient client =
                    new NativeFlareClient(F3Fixtures.adminKit(tmp.resolve("kit"), "tcp", server.port()));
            actual = assertThrows(FlareException.class, () -> call(op, client, "nosuchstudy"));
            client.close();
            served.get(10, TimeUnit.SECONDS);
            assertEquals(
                    List.of(
                            "hello admin-cell",
                            "challenge from admin@nvidia.com",
                            "register admin signed",
                            "cert_login admin@nvidia.com signed study=nosuchstudy"),
                    server.log());
        }
        assertSameError(expected, actual);
    }

    /**
     * A live 2.9 server over tcp once dropped the challenge sent right after READY (it registers the endpoint
     * after sending READY, on another thread) and the login waited out the whole read timeout ("Read timed
     * out" after 30 s). The challenge is now re-sent after {@link AdminLogin#CHALLENGE_WAIT}.
     */
    @Test
    void aChallengeTheServerDropsIsSentAgain() throws Exception {
        try (FakeFlareServer server = new FakeFlareServer()) {
            server.droppingChallenges(1)
                    .answering(line ->
                            line.equals("get_job_meta " + JOB) ? live("get-job-meta-finished.reply.json") : null);
            Future<Void> served = serverThread.submit(server::serve);
            NativeFlareClient client =
                    new NativeFlareClient(F3Fixtures.adminKit(tmp.resolve("kit"), "tcp", server.port()));
            long start = System.nanoTime();
            assertEquals("FINISHED:COMPLETED", client.meta(JOB, null).status());
            long millis = (System.nanoTime() - start) / 1_000_000;
            client.close();
            served.get(10, TimeUnit.SECONDS);
            assertEquals(
                    List.of(
                            "hello admin-cell",
                            "challenge dropped",
                            "challenge from admin@nvidia.com",
                            "register admin signed",
                            "cert_login admin@nvidia.com signed study=default",
                            "command report_version server token=ok",
                            "command get_job_meta " + JOB + " token=ok",
                            "command _logout token=ok"),
                    server.log());
            assertTrue(millis >= AdminLogin.CHALLENGE_WAIT.toMillis() && millis < 10_000, "took " + millis + " ms");
        }
    }

    /**
     * {@code nvflare job wait --timeout 3} takes the timeout as a float (job_cli.py:3182), so the live CLI says
     * "did not finish within 3.0s"; the native transport said "3s".
     */
    @Test
    void waitTimeoutNamesTheTimeoutAsTheCliDoes() throws Exception {
        String job = "c0e1132e-ac79-4936-b7de-2bc356b70fe4"; // the running job of that capture
        JobResult expected = cliClient("wait", live("cli-wait-timeout.json"), 3)
                .waitForJob(job, new WaitOptions(null, 3, 1, List.of()));
        java.util.Map<String, Object> running = new java.util.LinkedHashMap<>(CliCaptures.dataMap("26-job-meta"));
        running.put("job_id", job);
        running.put("status", "RUNNING");
        ScriptedHci hci = new ScriptedHci().on("get_job_meta " + job, ServerReplies.jobMeta(running));
        JobResult actual = new NativeFlareClient(study -> hci, new FakeClock(1000))
                .waitForJob(job, new WaitOptions(null, 3, 1, List.of()));
        assertEquals(expected, actual);
        assertEquals("Operation timed out. \u2014 job " + job + " did not finish within 3.0s", actual.message());
    }

    @Test
    void invalidStudyNameRejectionGetsItsOwnHint() throws Exception {
        HciReply reply = HciReply.parse(live("cert-login-invalid-study-name.reply.json"));
        HciReply.LoginRejection r = reply.loginRejection().orElseThrow();
        FlareException e = CliErrors.loginRejected(r.authCode(), r.detail());
        assertEquals("Authentication failed. \u2014 invalid study name 'bad study!'", e.getMessage());
        assertEquals("Use a valid study name and try again.", e.hint()); // cli.py _auth_hint_from_detail, by auth code
        assertEquals(2, e.exitCode());
    }

    @Test
    void plainRejectIsPythonsDefaultDetail() {
        FlareException e = CliErrors.loginRejected(null, "");
        assertEquals("Authentication failed. \u2014 Incorrect user name or password", e.getMessage());
        assertEquals("Check startup kit credentials.", e.hint());
    }

    /**
     * org-admin may not submit: the live server's END_RESULT is a not_authorized reply, and flare_api's message
     * quotes its own command, {@code submit_job <job folder path>} — the CLI's path is its temporary copy, so
     * using that path here makes the native message equal to the real CLI output. Before the fix the native
     * transport quoted the wire command {@code job_mgmt.submit_job <folder name>}.
     */
    @Test
    void submitTheServerDoesNotAuthorizeQuotesFlareApisCommand() throws Exception {
        String cliOutput = live("cli-submit-not-authorized.json");
        FlareException expected = assertThrows(
                FlareException.class,
                () -> cliClient("submit", cliOutput, 2).submit(new SubmitRequest(jobFolder(), null, null)));

        HciReply reply = HciReply.parse(live("submit-not-authorized.reply.json"));
        String apiCommand = JobUpload.apiCommand(Path.of("/tmp/tmpy6ss8n8z"), null); // the CLI's temp copy in that run
        FlareApiException api = assertThrows(FlareApiException.class, () -> JobUpload.jobId(apiCommand, reply));
        assertSameError(expected, CliErrors.map(api, CliErrors.Op.SUBMIT, null, null));
        assertEquals("submit_job /tmp/job --submit-token t-1", JobUpload.apiCommand(Path.of("/tmp/job"), "t-1"));
        assertEquals("job_mgmt.submit_job job --submit-token t-1", JobUpload.commandLine("job", "t-1"));
    }

    /** lead may not download admin's job: the error quotes {@code download_job <id>} (flare_api.py:510), not the wire command. */
    @Test
    void downloadTheServerDoesNotAuthorizeQuotesFlareApisCommand() throws Exception {
        String cliOutput = live("cli-download-not-authorized.json");
        FlareException expected = assertThrows(
                FlareException.class,
                () -> cliClient("download", cliOutput, 2)
                        .download(JOB, new DownloadRequest(tmp.resolve("out-cli"), false, null)));

        FlareException actual;
        try (FakeFlareServer server = new FakeFlareServer()) {
            String meta = live("get-job-meta-finished.reply.json");
            String refused = live("download-not-authorized.reply.json");
            server.answering(line -> line.equals("get_job_meta " + JOB)
                    ? meta
                    : line.equals("job_mgmt.download_job " + JOB) ? refused : null);
            Future<Void> served = serverThread.submit(server::serve);
            NativeFlareClient client =
                    new NativeFlareClient(F3Fixtures.adminKit(tmp.resolve("kit"), "tcp", server.port()));
            actual = assertThrows(
                    FlareException.class,
                    () -> client.download(JOB, new DownloadRequest(tmp.resolve("out-native"), false, null)));
            client.close();
            served.get(10, TimeUnit.SECONDS);
            assertEquals(
                    List.of(
                            "command report_version server token=ok",
                            "command get_job_meta " + JOB + " token=ok",
                            "command job_mgmt.download_job " + JOB + " token=ok",
                            "command _logout token=ok"),
                    server.log().subList(4, server.log().size()));
        }
        assertSameError(expected, actual);
    }

    private void call(String op, FlareClient client, String study) throws Exception {
        switch (op) {
            case "meta" -> client.meta(JOB, study);
            case "list" -> client.list(new ListFilter(null, null, null, null, study));
            case "wait" -> client.waitForJob(JOB, new WaitOptions(study, 0, 2, List.of()));
            case "monitor" -> client.monitor(JOB, new WaitOptions(study, 0, 2, List.of()), e -> {});
            case "logs" -> client.logs(JOB, new LogRequest(null, null, null, null, study));
            case "stats" -> client.stats(JOB, null, study);
            case "download" -> client.download(JOB, new DownloadRequest(tmp.resolve("out-" + op), false, study));
            case "submit" -> client.submit(new SubmitRequest(jobFolder(), study, null));
            default -> throw new IllegalArgumentException(op);
        }
    }

    private CliFlareClient cliClient(String subcommand, String stdout, int exitCode) throws Exception {
        FakeNvflare fake = FakeNvflare.install(tmp.resolve("fake-nvflare-" + subcommand));
        fake.respond(subcommand, FakeNvflare.Response.of(stdout, "", exitCode));
        return new CliFlareClient(
                CliConfig.defaults().withExecutable(fake.executable().toString()), tmp.resolve("cli-kit"));
    }

    private Path jobFolder() throws Exception {
        Path job = tmp.resolve("jobs/hello-numpy");
        if (!Files.isDirectory(job)) {
            Files.createDirectories(job.resolve("app/config"));
            Files.writeString(job.resolve("meta.json"), "{\"name\": \"hello-numpy\", \"min_clients\": 2}");
            Files.writeString(job.resolve("app/config/config_fed_server.json"), "{}");
            Files.writeString(job.resolve("app/config/config_fed_client.json"), "{}");
        }
        return job;
    }

    private static void assertSameError(FlareException expected, FlareException actual) {
        assertEquals(expected.errorCode(), actual.errorCode(), "error code");
        assertEquals(expected.getMessage(), actual.getMessage(), "message");
        assertEquals(expected.hint(), actual.hint(), "hint");
        assertEquals(expected.exitCode(), actual.exitCode(), "exit code");
        assertEquals(expected.data(), actual.data(), "data");
    }

    static String live(String name) {
        return new String(F3Fixtures.bytes("live/" + name), StandardCharsets.UTF_8).strip();
    }
}
