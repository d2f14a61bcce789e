package io.jenkins.plugins.nvflare.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import hudson.FilePath;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.FlareGlobalConfiguration;
import io.jenkins.plugins.nvflare.client.f3.FakeFederation;
import io.jenkins.plugins.nvflare.credentials.StartupKitCredentialsImpl;
import io.jenkins.plugins.nvflare.freestyle.FlareSubmitBuilder;
import io.jenkins.plugins.nvflare.model.BuildRecord;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code transport: 'native'}: the steps talk to FLARE from the agent's JVM, here to flare-client's
 * {@link FakeFederation} (real mutual TLS on loopback, replaying the captured hello-numpy run:
 * 21-job-submit, 26-job-meta, 27-job-logs-all-json, 28-job-download-tree.txt), and never run
 * {@code nvflare} (the fake CLI of {@link FlareFixture} stays unused).
 */
@WithJenkins
class NativeTransportTest {

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;
    private FakeFederation federation;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
        federation = FakeFederation.helloNumpy(tmp.resolve("federation"));
        FlareFixture.addNativeKit(federation);
    }

    @AfterEach
    void tearDown() throws Exception {
        federation.close();
    }

    @Test
    void submitWaitLogsDownloadWithoutTheCli() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "train");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  def id = flareSubmit jobFolder: 'jobs/hello-numpy', credentialsId: 'native-kit', transport: 'native'
                  def r = flareWait jobId: id, credentialsId: 'native-kit', transport: 'native', interval: 1, timeout: 60
                  echo "result: ${r.status} ${r.outcome}"
                  def text = flareLogs jobId: id, credentialsId: 'native-kit', transport: 'native', site: 'all', tail: 20
                  echo "log chars: ${text.length() > 0}"
                  def a = flareDownload jobId: id, credentialsId: 'native-kit', transport: 'native'
                  echo "model: ${a.globalModel}"
                }
                """, true));
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        assertNotNull(ws);
        FlareFixture.writeJobFolder(ws, "jobs/hello-numpy");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        String job = FakeFederation.jobId();
        j.assertLogContains("[FLARE] Submitted jobs/hello-numpy as FLARE job " + job, b);
        j.assertLogContains("result: FINISHED:COMPLETED COMPLETED", b);
        j.assertLogContains("===== server =====", b);
        j.assertLogContains("log chars: true", b);
        String root = "flare-results/" + job + "/";
        j.assertLogContains("model: " + root + "workspace/models/server.npy", b);
        List<String> archived =
                b.getArtifacts().stream().map(a -> a.relativePath).sorted().toList();
        assertTrue(archived.contains(root + "workspace/models/server.npy"), archived.toString());
        assertEquals("FINISHED:COMPLETED", FlareFixture.job(b).getStatus());

        assertTrue(flare.fake.calls().isEmpty(), "the nvflare CLI was run: " + flare.fake.calls());
        assertTrue(
                federation.commands().contains("get_job_meta " + job),
                federation.commands().toString());
        assertEquals(List.of(), federation.unscripted());
        assertNoKitLeft(ws);
    }

    /** Native is the default: a Pipeline that names no transport, with none configured, never runs nvflare. */
    @Test
    void aStepWithNoTransportRunsNatively() throws Exception {
        FlareGlobalConfiguration.get().setTransport(null);
        WorkflowJob p = j.createProject(WorkflowJob.class, "default-transport");
        p.setDefinition(new CpsFlowDefinition("""
                node {
                  def id = flareSubmit jobFolder: 'jobs/hello-numpy', credentialsId: 'native-kit'
                  def r = flareWait jobId: id, credentialsId: 'native-kit', interval: 1, timeout: 60
                  echo "result: ${r.status}"
                }
                """, true));
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        assertNotNull(ws);
        FlareFixture.writeJobFolder(ws, "jobs/hello-numpy");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("result: FINISHED:COMPLETED", b);
        assertTrue(flare.fake.calls().isEmpty(), "the nvflare CLI was run: " + flare.fake.calls());
        assertTrue(
                federation.commands().contains("get_job_meta " + FakeFederation.jobId()),
                federation.commands().toString());
        assertNoKitLeft(ws);
    }

    /**
     * A server outside the versions the native transport was verified with fails the step before anything is sent,
     * and says to use the cli transport.
     */
    @Test
    void aServerOutsideTheVerifiedVersionsFailsTheStepSuggestingTheCliTransport() throws Exception {
        FlareGlobalConfiguration.get().setTransport(null);
        federation.reportingVersion("3.0.0");
        WorkflowJob p = j.createProject(WorkflowJob.class, "unverified-server");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareSubmit jobFolder: 'jobs/hello-numpy', credentialsId: 'native-kit' }", true));
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        assertNotNull(ws);
        FlareFixture.writeJobFolder(ws, "jobs/hello-numpy");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("is NVFlare 3.0.0; the native transport is verified with NVFlare 2.7.x, 2.8.x and 2.9", b);
        j.assertLogContains("Use the cli transport (transport: 'cli')", b);
        j.assertLogContains("FLARE_VERSION_UNSUPPORTED", b);
        assertTrue(
                federation.commands().contains("report_version server"),
                federation.commands().toString());
        assertTrue(
                federation.commands().stream().allMatch(c -> c.equals("report_version server") || c.equals("_logout")),
                "nothing but the version question and the logout: " + federation.commands());
        assertTrue(flare.fake.calls().isEmpty(), "the nvflare CLI was run: " + flare.fake.calls());
    }

    /**
     * The controller's own node has no agent channel to keep the login on: it is kept on the controller, so one
     * login serves the submit and every poll of a durable flareSubmit there too, logged out when the step ends.
     */
    @Test
    void oneLoginPerStepOnTheControllersOwnNodeToo() throws Exception {
        try (FakeFederation running = FakeFederation.helloNumpy(tmp.resolve("running"), "tcp", 3)) {
            FlareFixture.addCredentials(new StartupKitCredentialsImpl(
                    CredentialsScope.GLOBAL,
                    "running-kit",
                    "FLARE admin",
                    "admin@nvidia.com.zip",
                    SecretBytes.fromRawBytes(running.adminKitZip())));
            WorkflowJob p = j.createProject(WorkflowJob.class, "controller-session");
            p.setDefinition(new CpsFlowDefinition(
                    "node { flareSubmit jobFolder: 'jobs/hello-numpy', credentialsId: 'running-kit', "
                            + "transport: 'native', wait: true, interval: 1 }",
                    true));
            FilePath ws = j.jenkins.getWorkspaceFor(p);
            assertNotNull(ws);
            FlareFixture.writeJobFolder(ws, "jobs/hello-numpy");

            j.buildAndAssertSuccess(p);

            List<String> commands = running.commands();
            assertTrue(
                    commands.stream()
                                    .filter(c -> c.equals("get_job_meta " + FakeFederation.jobId()))
                                    .count()
                            >= 4,
                    commands.toString());
            assertEquals(1, running.logins(), commands.toString());
            assertEquals("_logout", commands.get(commands.size() - 1), commands.toString());
        }
    }

    @Test
    void theGlobalTransportAppliesToFreestyleSteps() throws Exception {
        FlareGlobalConfiguration.get().setTransport("native");
        FreeStyleProject p = j.createFreeStyleProject("fl");
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        assertNotNull(ws);
        FlareFixture.writeJobFolder(ws, "hello-numpy");
        FlareSubmitBuilder submit = new FlareSubmitBuilder("hello-numpy", FlareFixture.NATIVE_KIT_ID);
        submit.setInterval(1);
        p.getBuildersList().add(submit);

        FreeStyleBuild b = j.buildAndAssertSuccess(p);

        assertEquals(
                FakeFederation.jobId(), b.getEnvironment(j.createTaskListener()).get(BuildRecord.JOB_ID_VARIABLE));
        assertTrue(flare.fake.calls().isEmpty(), "the nvflare CLI was run: " + flare.fake.calls());
        assertNoKitLeft(ws);
    }

    @Test
    void aServerThatIsDownFailsWithConnectionFailed() throws Exception {
        federation.close();
        WorkflowJob p = j.createProject(WorkflowJob.class, "down");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareWait jobId: '" + FakeFederation.jobId()
                        + "', credentialsId: 'native-kit', transport: 'native' }",
                true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("CONNECTION_FAILED", b);
        assertTrue(flare.fake.calls().isEmpty());
    }

    @Test
    void anUnknownTransportIsRefusedBeforeAnythingRuns() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "typo");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareWait jobId: 'x', credentialsId: 'native-kit', transport: 'grpc' }", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("Unknown transport 'grpc': use 'cli' or 'native'.", b);
        assertTrue(flare.fake.calls().isEmpty());
        assertTrue(federation.commands().isEmpty(), federation.commands().toString());
    }

    /**
     * Steps materialise the kit, and native submits stage the signed job zip, in the workspace's temporary
     * folder; both are deleted after each call.
     */
    private static void assertNoKitLeft(FilePath ws) throws Exception {
        FilePath temp = WorkspaceList.tempDir(ws);
        assertNotNull(temp);
        if (temp.exists()) {
            try (var stream = Files.walk(Path.of(temp.getRemote()))) {
                List<String> left = stream.map(f -> f.getFileName().toString())
                        .filter(name -> name.equals("client.key") || name.startsWith("nvflare-job-"))
                        .toList();
                assertEquals(List.of(), left, "left in " + temp.getRemote());
            }
        }
    }
}
