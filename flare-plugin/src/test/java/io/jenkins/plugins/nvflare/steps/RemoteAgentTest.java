package io.jenkins.plugins.nvflare.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import hudson.FilePath;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.f3.FakeFederation;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import io.jenkins.plugins.nvflare.credentials.StartupKitCredentialsImpl;
import io.jenkins.plugins.nvflare.freestyle.FlareDownloadBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareLogsBuilder;
import io.jenkins.plugins.nvflare.freestyle.FlareSubmitBuilder;
import io.jenkins.plugins.nvflare.model.BuildRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every step and freestyle build step on an agent in its own JVM, on both transports. What an agent call
 * returns (results, download outcomes, abort answers, FLARE errors) comes back over the remoting channel,
 * through Jenkins' class filter, which the built-in node never exercises. The cli transport replays the
 * captures named in each test; the native one talks to {@link FakeFederation} (the captured hello-numpy run).
 */
@WithJenkins
class RemoteAgentTest {

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;
    private FakeFederation federation;
    private DumbSlave agent;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
        federation = FakeFederation.helloNumpy(tmp.resolve("federation"));
        FlareFixture.addNativeKit(federation);
        agent = j.createOnlineSlave(Label.get("remote"));
    }

    @AfterEach
    void tearDown() throws Exception {
        federation.close();
    }

    private WorkflowJob pipeline(String name, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private FilePath agentWorkspace(hudson.model.TopLevelItem item) throws Exception {
        FilePath ws = agent.getWorkspaceFor(item);
        assertNotNull(ws);
        assertTrue(ws.getChannel() != j.jenkins.getChannel() && ws.isRemote(), "not on the agent: " + ws);
        return ws;
    }

    /**
     * native (issue 9): the login of a durable flareSubmit is kept on the agent between its calls, so one login serves
     * the submit and every poll, and the step logs it out when it ends. Before, each poll logged in and out.
     */
    @Test
    void oneNativeLoginServesTheSubmitAndEveryPollOfAStep() throws Exception {
        try (FakeFederation running = FakeFederation.helloNumpy(tmp.resolve("running"), "tcp", 3)) {
            FlareFixture.addCredentials(new StartupKitCredentialsImpl(
                    CredentialsScope.GLOBAL,
                    "running-kit",
                    "FLARE admin",
                    "admin@nvidia.com.zip",
                    SecretBytes.fromRawBytes(running.adminKitZip())));
            WorkflowJob p = pipeline("native-session", """
                    node('remote') {
                      def id = flareSubmit jobFolder: 'jobs/hello-numpy', credentialsId: 'running-kit', transport: 'native', wait: true, interval: 1
                      echo "submitted ${id}"
                    }
                    """);
            FlareFixture.writeJobFolder(agentWorkspace(p), "jobs/hello-numpy");

            WorkflowRun b = j.buildAndAssertSuccess(p);

            j.assertLogContains("submitted " + FakeFederation.jobId(), b);
            List<String> commands = running.commands();
            long polls = commands.stream()
                    .filter(c -> c.equals("get_job_meta " + FakeFederation.jobId()))
                    .count();
            assertTrue(polls >= 4, "three RUNNING answers and the finished one: " + commands);
            assertEquals(1, running.logins(), commands.toString());
            assertEquals(1, commands.stream().filter(c -> c.equals("_logout")).count(), commands.toString());
            assertEquals("_logout", commands.get(commands.size() - 1), "logged out when the step ended: " + commands);
        }
    }

    /** cli: 21-job-submit, 22-job-monitor-jsonl, 27-job-logs-all-json, 28-job-download, all run on the agent. */
    @Test
    void pipelineStepsOnAnAgentWithTheCli() throws Exception {
        WorkflowJob p = pipeline("cli-train", """
                node('remote') {
                  def id = flareSubmit jobFolder: 'jobs/hello-numpy', credentialsId: 'flare-kit'
                  def r = flareWait jobId: id, credentialsId: 'flare-kit', interval: 1
                  echo "result: ${r.status} ${r.outcome} ${r.duration} ${r.metrics}"
                  def text = flareLogs jobId: id, credentialsId: 'flare-kit', site: 'all'
                  echo "log chars: ${text.length() > 0}"
                  def a = flareDownload jobId: id, credentialsId: 'flare-kit'
                  echo "model: ${a.globalModel} logs: ${a.siteLogs.size()} missing: ${a.missing}"
                }
                """);
        FilePath ws = agentWorkspace(p);
        FlareFixture.writeJobFolder(ws, "jobs/hello-numpy");
        flare.fake
                .replay("21-job-submit")
                .respond("monitor", Response.capture("22-job-monitor-jsonl").streamed(Duration.ofMillis(20)))
                .replay("27-job-logs-all-json")
                .respond("download", FlareFixture.download(ws, "flare-results"));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("Running on " + agent.getNodeName(), b);
        j.assertLogContains(FlareFixture.RUNNING_LINE, b);
        j.assertLogContains("result: FINISHED:COMPLETED COMPLETED 16.0", b);
        j.assertLogContains("===== server =====", b);
        j.assertLogContains("log chars: true", b);
        String root = "flare-results/" + FlareFixture.JOB_ID + "/";
        j.assertLogContains("model: " + root + "workspace/models/server.npy", b);
        assertTrue(
                b.getArtifacts().stream().anyMatch(a -> a.relativePath.equals(root + "workspace/models/server.npy")));
        assertEquals("FINISHED:COMPLETED", FlareFixture.job(b).getStatus());
        assertEquals(ws.getRemote(), flare.fake.workingDirectory(0), "nvflare ran in the agent's workspace");
        flare.assertKitsDeleted();
    }

    /** native: the hello-numpy run of {@link FakeFederation}, reached from the agent's JVM. */
    @Test
    void pipelineStepsOnAnAgentWithTheNativeTransport() throws Exception {
        WorkflowJob p = pipeline("native-train", """
                node('remote') {
                  def id = flareSubmit jobFolder: 'jobs/hello-numpy', credentialsId: 'native-kit', transport: 'native'
                  def r = flareWait jobId: id, credentialsId: 'native-kit', transport: 'native', interval: 1, timeout: 60
                  echo "result: ${r.status} ${r.outcome}"
                  def text = flareLogs jobId: id, credentialsId: 'native-kit', transport: 'native', site: 'all', tail: 20
                  echo "log chars: ${text.length() > 0}"
                  def a = flareDownload jobId: id, credentialsId: 'native-kit', transport: 'native'
                  echo "model: ${a.globalModel}"
                }
                """);
        FlareFixture.writeJobFolder(agentWorkspace(p), "jobs/hello-numpy");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        String job = FakeFederation.jobId();
        j.assertLogContains("result: FINISHED:COMPLETED COMPLETED", b);
        j.assertLogContains("log chars: true", b);
        j.assertLogContains("model: flare-results/" + job + "/workspace/models/server.npy", b);
        assertTrue(flare.fake.calls().isEmpty(), "the nvflare CLI was run: " + flare.fake.calls());
        assertEquals(List.of(), federation.unscripted());
    }

    /** 51-unknown-id-meta-json: FLARE's error comes back from the agent with its code and hint. */
    @Test
    void aFlareErrorOnAnAgentFailsTheBuildWithItsCode() throws Exception {
        flare.fake.respond("monitor", Response.capture("51-unknown-id-meta-json"));
        WorkflowRun b = j.buildAndAssertStatus(
                Result.FAILURE,
                pipeline("unknown", "node('remote') { flareWait jobId: 'no-such-job', credentialsId: 'flare-kit' }"));
        j.assertLogContains("JOB_NOT_FOUND", b);
        j.assertLogContains("Hint:", b);
        flare.assertKitsDeleted();
    }

    /**
     * A poll sees the job running (140-monitor-poll-running-jsonl); the next one (the first event of 22-job-monitor-jsonl,
     * then no end) is in flight on the agent when the build stops; 43-abort-force answers the abort sent from the agent.
     */
    @Test
    void abortingABuildOnAnAgentAbortsTheFlareJob() throws Exception {
        String progress = new String(FakeNvflare.resource("22-job-monitor-jsonl.stdout"), StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElseThrow();
        flare.fake
                .respond("monitor", FlareFixture.runningPoll())
                .respond(
                        "monitor",
                        Response.lines(List.of(progress), Duration.ZERO, 0).thenHang())
                .replay("43-abort-force");
        WorkflowRun b = pipeline(
                        "abort",
                        "node('remote') { flareWait jobId: '" + FlareFixture.JOB_ID
                                + "', credentialsId: 'flare-kit', interval: 1 }")
                .scheduleBuild2(0)
                .waitForStart();
        j.waitForMessage(FlareFixture.RUNNING_LINE, b);
        while (flare.calls("monitor").size() < 2) {
            Thread.sleep(50);
        }
        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("Abort requested for FLARE job " + FlareFixture.JOB_ID, b);
        assertEquals(1, flare.calls("abort").size());
        flare.assertKitsDeleted();
    }

    /** Freestyle on the agent, cli: 21-job-submit, 22-job-monitor-jsonl, 53b-logs-server-tail5-json, 28-job-download. */
    @Test
    void freestyleStepsOnAnAgentWithTheCli() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fl-cli");
        p.setAssignedLabel(Label.get("remote"));
        FilePath ws = agentWorkspace(p);
        FlareFixture.writeJobFolder(ws, "hello-numpy");
        flare.fake
                .replay("21-job-submit")
                .replay("22-job-monitor-jsonl")
                .replay("53b-logs-server-tail5-json")
                .respond("download", FlareFixture.download(ws, "out"));
        p.getBuildersList().add(new FlareSubmitBuilder("hello-numpy", FlareFixture.KIT_ID));
        FlareLogsBuilder logs = new FlareLogsBuilder(FlareFixture.KIT_ID);
        logs.setTail(5);
        p.getBuildersList().add(logs);
        FlareDownloadBuilder download = new FlareDownloadBuilder(FlareFixture.KIT_ID);
        download.setOutputDir("out");
        p.getBuildersList().add(download);

        FreeStyleBuild b = j.buildAndAssertSuccess(p);

        assertEquals(agent.getNodeName(), b.getBuiltOnStr());
        assertEquals("FINISHED:COMPLETED", FlareFixture.job(b).getStatus());
        assertTrue(
                b.getArtifacts().stream()
                        .anyMatch(a ->
                                a.relativePath.equals("out/" + FlareFixture.JOB_ID + "/workspace/models/server.npy")),
                b.getArtifacts().toString());
        flare.assertKitsDeleted();
    }

    /** Freestyle on the agent, native: submit and follow the hello-numpy run of {@link FakeFederation}, then download it. */
    @Test
    void freestyleStepsOnAnAgentWithTheNativeTransport() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fl-native");
        p.setAssignedLabel(Label.get("remote"));
        FlareFixture.writeJobFolder(agentWorkspace(p), "hello-numpy");
        FlareSubmitBuilder submit = new FlareSubmitBuilder("hello-numpy", FlareFixture.NATIVE_KIT_ID);
        submit.setInterval(1);
        submit.setTransport("native");
        p.getBuildersList().add(submit);
        FlareLogsBuilder logs = new FlareLogsBuilder(FlareFixture.NATIVE_KIT_ID);
        logs.setSite("all");
        logs.setTail(20);
        logs.setTransport("native");
        p.getBuildersList().add(logs);
        FlareDownloadBuilder download = new FlareDownloadBuilder(FlareFixture.NATIVE_KIT_ID);
        download.setTransport("native");
        p.getBuildersList().add(download);

        FreeStyleBuild b = j.buildAndAssertSuccess(p);

        String job = FakeFederation.jobId();
        assertEquals(job, b.getEnvironment(j.createTaskListener()).get(BuildRecord.JOB_ID_VARIABLE));
        assertEquals("FINISHED:COMPLETED", FlareFixture.job(b).getStatus());
        assertTrue(
                b.getArtifacts().stream()
                        .anyMatch(a -> a.relativePath.equals("flare-results/" + job + "/workspace/models/server.npy")),
                b.getArtifacts().toString());
        assertTrue(flare.fake.calls().isEmpty(), "the nvflare CLI was run: " + flare.fake.calls());
    }
}
