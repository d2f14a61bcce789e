package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import java.nio.file.Path;
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

    /** 21-job-submit, 22-job-monitor-jsonl, 53b-logs-server-tail5-json, 28-job-download; FLARE_JOB_ID links the steps. */
    @Test
    void submitLogsAndDownloadShareTheJobIdThroughTheEnvironment() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fl");
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        ws.mkdirs();
        FlareFixture.writeJobFolder(ws, "hello-numpy");
        flare.fake.replay("21-job-submit")
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

        j.assertLogContains("[FLARE] job e44ccf11 (hello-numpy)", b);
        assertTrue(flare.calls("logs").get(0).contains(FlareFixture.JOB_ID));
        assertEquals("5", FlareFixture.option(flare.calls("logs").get(0), "--tail"));
        assertTrue(ws.child("logs/server.txt").readToString().contains("===== server ====="));
        assertTrue(flare.calls("download").get(0).contains(FlareFixture.JOB_ID));
        List<String> archived = b.getArtifacts().stream().map(a -> a.relativePath).sorted().toList();
        assertTrue(archived.contains("out/" + FlareFixture.JOB_ID + "/workspace/models/server.npy"), archived.toString());
        assertEquals(FlareFixture.JOB_ID, b.getEnvironment(j.createTaskListener()).get(FlareJobAction.JOB_ID_VARIABLE));
        assertEquals("FINISHED:COMPLETED", b.getAction(FlareJobAction.class).getStatus());
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

    @Test
    void withoutASubmitStepTheJobIdIsMissing() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fl4");
        p.getBuildersList().add(new FlareDownloadBuilder(FlareFixture.KIT_ID));
        FreeStyleBuild b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("was not resolved", b);
        assertTrue(flare.fake.calls().isEmpty());
    }
}
