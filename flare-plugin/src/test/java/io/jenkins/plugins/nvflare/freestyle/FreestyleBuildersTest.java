package io.jenkins.plugins.nvflare.freestyle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import io.jenkins.plugins.nvflare.model.BuildRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Freestyle build steps against a fake nvflare replaying the real captures (named in each test). */
@WithJenkins
class FreestyleBuildersTest {

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
    }

    /** Two submit steps for the same folder in one build are two submits (21-job-submit twice): each its own token. */
    @Test
    void twoSubmitStepsForTheSameFolderHaveTheirOwnTokens() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("twice");
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        ws.mkdirs();
        FlareFixture.writeJobFolder(ws, "hello-numpy");
        flare.fake.replay("21-job-submit");
        for (int i = 0; i < 2; i++) {
            FlareSubmitBuilder submit = new FlareSubmitBuilder("hello-numpy", FlareFixture.KIT_ID);
            submit.setWait(false);
            p.getBuildersList().add(submit);
        }
        j.buildAndAssertSuccess(p);
        List<String> tokens = flare.calls("submit").stream()
                .map(c -> FlareFixture.option(c, "--submit-token"))
                .toList();
        assertEquals(2, tokens.size());
        assertNotEquals(tokens.get(0), tokens.get(1));
    }

    /** 21-job-submit, 22-job-monitor-jsonl, 53b-logs-server-tail5-json, 28-job-download; FLARE_JOB_ID links the steps. */
    @Test
    void submitLogsAndDownloadShareTheJobIdThroughTheEnvironment() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fl");
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        ws.mkdirs();
        FlareFixture.writeJobFolder(ws, "hello-numpy");
        flare.fake
                .replay("21-job-submit")
                .replay("22-job-monitor-jsonl")
                .replay("53b-logs-server-tail5-json")
                .respond("download", FlareFixture.download(ws, "out"));
        p.getBuildersList().add(new FlareSubmitBuilder("hello-numpy", FlareFixture.KIT_ID));
        FlareLogsBuilder logs = new FlareLogsBuilder(FlareFixture.KIT_ID);
        logs.setTail(5);
        logs.setFile("logs/server.txt");
        p.getBuildersList().add(logs);
        FlareDownloadBuilder download = new FlareDownloadBuilder(FlareFixture.KIT_ID);
        download.setOutputDir("out");
        p.getBuildersList().add(download);

        FreeStyleBuild b = j.buildAndAssertSuccess(p);

        j.assertLogContains("[FLARE] Job e44ccf11 (hello-numpy): RUNNING", b);
        assertTrue(flare.calls("logs").get(0).contains(FlareFixture.JOB_ID));
        assertEquals("5", FlareFixture.option(flare.calls("logs").get(0), "--tail"));
        assertTrue(ws.child("logs/server.txt").readToString().contains("===== server ====="));
        assertTrue(flare.calls("download").get(0).contains(FlareFixture.JOB_ID));
        List<String> archived =
                b.getArtifacts().stream().map(a -> a.relativePath).sorted().toList();
        assertTrue(
                archived.contains("out/" + FlareFixture.JOB_ID + "/workspace/models/server.npy"), archived.toString());
        assertEquals(
                FlareFixture.JOB_ID, b.getEnvironment(j.createTaskListener()).get(BuildRecord.JOB_ID_VARIABLE));
        assertEquals("FINISHED:COMPLETED", FlareFixture.job(b).getStatus());
    }

    /** 46-monitor-aborted-jsonl after 21-job-submit: a job aborted in FLARE aborts the build. */
    @Test
    void anAbortedJobAbortsTheBuild() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fl2");
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        ws.mkdirs();
        FlareFixture.writeJobFolder(ws, "job");
        flare.fake.replay("21-job-submit").respond("monitor", Response.capture("46-monitor-aborted-jsonl"));
        p.getBuildersList().add(new FlareSubmitBuilder("job", FlareFixture.KIT_ID));
        FreeStyleBuild b = j.buildAndAssertStatus(Result.ABORTED, p);
        j.assertLogContains("was aborted", b);
    }

    /**
     * A freestyle build aborted while it follows its job (21-job-submit, then 140-monitor-poll-running-jsonl's progress
     * event, the monitor still running): the FLARE job is aborted (43-abort-force) and the build page names the job
     * (from its folder's meta.json) and says it was aborted.
     */
    @Test
    void anAbortedBuildShowsTheJobByNameAsAborted() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fl-abort");
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        ws.mkdirs();
        FlareFixture.writeJobFolder(ws, "job");
        String progress = FlareFixture.runningPollText().lines().findFirst().orElseThrow();
        flare.fake
                .replay("21-job-submit")
                .respond("monitor", Response.lines(List.of(progress, progress), Duration.ofMinutes(5), 0))
                .replay("43-abort-force");
        p.getBuildersList().add(new FlareSubmitBuilder("job", FlareFixture.KIT_ID));
        FreeStyleBuild b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage(FlareFixture.RUNNING_LINE, b);

        b.getExecutor().interrupt();

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        assertEquals(1, flare.calls("abort").size());
        assertEquals("hello-numpy", FlareFixture.job(b).getJobName());
        assertEquals("Aborted", FlareFixture.view(b).getStatusText());
        String page = j.createWebClient().getPage(b).asNormalizedText();
        assertTrue(page.contains("(hello-numpy)") && page.contains("Status: Aborted"), page);
    }

    /** 51-unknown-id-meta-json for logs: a wrong job id fails the build with FLARE's code. */
    @Test
    void anUnknownJobIdFailsTheBuild() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fl3");
        flare.fake.respond("logs", Response.capture("51-unknown-id-meta-json"));
        FlareLogsBuilder logs = new FlareLogsBuilder(FlareFixture.KIT_ID);
        logs.setJobId("no-such-job");
        p.getBuildersList().add(logs);
        FreeStyleBuild b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("JOB_NOT_FOUND", b);
    }

    /**
     * A monitor timeout as job_cli.py reports it (the captured first progress event of 22-job-monitor-jsonl,
     * then a TIMEOUT terminal event, exit 3): the build fails, and the kit of every call is gone.
     */
    @Test
    void aTimeoutFailsTheBuildAndNoKitIsLeft() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fl5");
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        ws.mkdirs();
        FlareFixture.writeJobFolder(ws, "job");
        String progress = new String(FakeNvflare.resource("22-job-monitor-jsonl.stdout"), StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElseThrow();
        String timeout = "{\"schema_version\": \"1\", \"event\": \"terminal\", \"job_id\": \"" + FlareFixture.JOB_ID
                + "\", \"status\": \"TIMEOUT\", \"job_status\": \"RUNNING\", \"terminal\": true, \"timeout_seconds\": 5, "
                + "\"elapsed_s\": 5.2, \"metrics\": null}";
        flare.fake
                .replay("21-job-submit")
                .respond("monitor", Response.lines(List.of(progress, timeout), Duration.ZERO, 3));
        FlareSubmitBuilder submit = new FlareSubmitBuilder("job", FlareFixture.KIT_ID);
        submit.setTimeout(5);
        p.getBuildersList().add(submit);

        FreeStyleBuild b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("did not finish in time", b);
        assertEquals("5", FlareFixture.option(flare.calls("monitor").get(0), "--timeout"));
        assertEquals(2, flare.fake.calls().size());
        for (List<String> call : flare.fake.calls()) {
            String kitDir = FlareFixture.option(call, "--startup-kit");
            assertFalse(Files.exists(Path.of(kitDir)), "kit left behind: " + kitDir);
        }
        String environment = b.getEnvironment(j.createTaskListener()).toString();
        assertFalse(environment.contains("PRIVATE KEY"), "the kit reached the build environment");
    }

    @Test
    void withoutASubmitStepTheJobIdIsMissing() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fl4");
        p.getBuildersList().add(new FlareDownloadBuilder(FlareFixture.KIT_ID));
        FreeStyleBuild b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("was not resolved", b);
        assertTrue(flare.fake.calls().isEmpty());
    }
}
