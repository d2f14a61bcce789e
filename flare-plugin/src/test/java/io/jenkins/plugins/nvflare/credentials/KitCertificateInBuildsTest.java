package io.jenkins.plugins.nvflare.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import hudson.FilePath;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.kit.StartupKit;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import io.jenkins.plugins.nvflare.freestyle.FlareSubmitBuilder;
import java.nio.file.Path;
import java.time.Instant;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What a build's console says about the kit's certificate: a kit that expires within 30 days warns once per step (not
 * on every poll, not on every call of a freestyle step), an expired one fails the step saying so.
 */
@WithJenkins
class KitCertificateInBuildsTest {

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
    }

    /** Three polls (140-monitor-poll-running-jsonl twice, then 22-job-monitor-jsonl), one warning. */
    @Test
    void aKitExpiringSoonWarnsOncePerPipelineStep() throws Exception {
        byte[] zip = flare.kit(1, 20);
        addKit("soon", zip);
        flare.fake
                .respond("monitor", FlareFixture.runningPoll())
                .respond("monitor", FlareFixture.runningPoll())
                .respond("monitor", Response.capture("22-job-monitor-jsonl"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "soon");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'soon', interval: 1 }", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        assertEquals(3, flare.calls("monitor").size());
        assertWarnedOnce(b.getLog(), zip);
    }

    /** A freestyle submit that waits: a submit call (21-job-submit), then a monitor call (22-job-monitor-jsonl). */
    @Test
    void aKitExpiringSoonWarnsOncePerFreestyleStep() throws Exception {
        byte[] zip = flare.kit(1, 20);
        addKit("soon", zip);
        FreeStyleProject p = j.createFreeStyleProject("soon");
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        ws.mkdirs();
        FlareFixture.writeJobFolder(ws, "hello-numpy");
        flare.fake.replay("21-job-submit").replay("22-job-monitor-jsonl");
        p.getBuildersList().add(new FlareSubmitBuilder("hello-numpy", "soon"));
        FreeStyleBuild b = j.buildAndAssertSuccess(p);
        assertEquals(1, flare.calls("submit").size());
        assertEquals(1, flare.calls("monitor").size());
        assertWarnedOnce(b.getLog(), zip);
    }

    @Test
    void aKitValidForLongerSaysNothing() throws Exception {
        flare.fake.replay("22-job-monitor-jsonl");
        WorkflowJob p = j.createProject(WorkflowJob.class, "valid");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: '" + FlareFixture.KIT_ID + "' }",
                true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogNotContains("certificate", b);
    }

    /** FLARE's server refuses an expired certificate: the step fails before calling FLARE, and says why and what to do. */
    @Test
    void anExpiredKitFailsTheStepSayingWhy() throws Exception {
        byte[] zip = flare.kit(10, 5);
        addKit("expired", zip);
        WorkflowJob p = j.createProject(WorkflowJob.class, "expired");
        p.setDefinition(new CpsFlowDefinition(
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'expired' }", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains(
                "The admin certificate of admin@nvidia.com expired on " + expiry(zip)
                        + "; the FLARE server refuses connections with it.",
                b);
        j.assertLogContains(
                "Ask the FLARE project admin for a newly provisioned admin startup kit and update the credential.", b);
        assertTrue(flare.fake.calls().isEmpty(), flare.fake.calls().toString());
    }

    private void assertWarnedOnce(String log, byte[] zip) throws Exception {
        String warning = "[FLARE] WARNING: The admin certificate of admin@nvidia.com expires in 18 days, on "
                + expiry(zip)
                + ". Ask the FLARE project admin for a new admin startup kit and update the credential.";
        assertTrue(log.contains(warning), log);
        assertEquals(log.indexOf(warning), log.lastIndexOf(warning), log);
    }

    private Instant expiry(byte[] zip) throws Exception {
        return StartupKit.inspectZip(zip, tmp).certNotAfter();
    }

    private static void addKit(String id, byte[] zip) throws Exception {
        FlareFixture.addCredentials(new StartupKitCredentialsImpl(
                CredentialsScope.GLOBAL, id, "", "admin.zip", SecretBytes.fromRawBytes(zip)));
    }
}
