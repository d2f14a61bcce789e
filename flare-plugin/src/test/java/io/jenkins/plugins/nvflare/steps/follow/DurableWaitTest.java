package io.jenkins.plugins.nvflare.steps.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Slave;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.InboundAgentExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code flareWait} follows its job with short polls (the live capture 140-monitor-poll-running-jsonl while the job
 * runs, then 22-job-monitor-jsonl), survives its agent going away and coming back, and a submit repeated by
 * {@code retry} keeps its submit token.
 */
@WithJenkins
class DurableWaitTest {

    private static final String OFFLINE_RETRY = FollowExecution.class.getName() + ".offlineRetryMillis";

    @RegisterExtension
    private final InboundAgentExtension inboundAgents = new InboundAgentExtension();

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
        System.setProperty(OFFLINE_RETRY, "300");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(OFFLINE_RETRY);
    }

    private WorkflowJob pipeline(String name, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private static StepExecution theStep(WorkflowRun b) throws Exception {
        List<StepExecution> flareSteps = b.getExecution().getCurrentExecutions(true).get().stream()
                .filter(e -> e instanceof FollowExecution)
                .toList();
        assertEquals(1, flareSteps.size(), flareSteps.toString());
        return flareSteps.get(0);
    }

    /** Each poll is its own short call with its own kit; an unchanged state is shown once; nothing waits on a thread. */
    @Test
    void pollsUntilTheJobEndsShowingEachStateOnce() throws Exception {
        flare.fake
                .respond("monitor", FlareFixture.runningPoll())
                .respond("monitor", FlareFixture.runningPoll())
                .respond("monitor", FlareFixture.runningPoll());
        WorkflowJob p = pipeline(
                "poll",
                "node { def r = flareWait jobId: '" + FlareFixture.JOB_ID
                        + "', credentialsId: 'flare-kit', interval: 1\n echo \"outcome: ${r.outcome} ${r.status}\" }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage(FlareFixture.RUNNING_LINE, b);
        String status = theStep(b).getStatus();
        assertTrue(status.contains("FLARE job " + FlareFixture.JOB_ID), status);
        assertFalse(theStep(b).blocksRestart(), "waiting for FLARE does not hold a restart back");
        flare.fake.respond("monitor", Response.capture("22-job-monitor-jsonl"));

        j.assertBuildStatusSuccess(j.waitForCompletion(b));

        j.assertLogContains("outcome: COMPLETED FINISHED:COMPLETED", b);
        List<List<String>> polls = flare.calls("monitor");
        assertTrue(polls.size() >= 4, "polls: " + polls.size());
        for (List<String> poll : polls) {
            assertEquals("1", FlareFixture.option(poll, "--timeout"), poll.toString());
        }
        assertEquals(1, count(j.getLog(b), FlareFixture.RUNNING_LINE), "the RUNNING state is shown once");
        j.assertLogNotContains("TIMEOUT", b);
        j.assertLogContains("[FLARE] job e44ccf11 (hello-numpy) COMPLETED", b);
        flare.assertKitsDeleted(); // one kit per poll, each deleted after its call
        assertEquals(
                polls.size(),
                polls.stream()
                        .map(call -> FlareFixture.option(call, "--startup-kit"))
                        .distinct()
                        .count());
    }

    /**
     * FLARE does not answer a poll (104-down-monitor-jsonl: CONNECTION_FAILED, exit 2) after the job was seen: the step
     * says so and polls on; the first poll failing that way fails the step at once (a wrong server or kit).
     */
    @Test
    void aPollFlareDoesNotAnswerIsRetriedOnceTheJobWasSeen() throws Exception {
        flare.fake
                .respond("monitor", FlareFixture.runningPoll())
                .replay("104-down-monitor-jsonl")
                .replay("104-down-monitor-jsonl")
                .respond("monitor", Response.capture("22-job-monitor-jsonl"));
        WorkflowRun b = j.buildAndAssertSuccess(pipeline(
                "flaky",
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit', interval: 1 }"));
        assertEquals(1, count(j.getLog(b), "FLARE did not answer this poll"), "said once per outage");
        j.assertLogContains("CONNECTION_FAILED", b);
        j.assertLogContains("[FLARE] FLARE answers again: following FLARE job " + FlareFixture.JOB_ID, b);
        assertEquals(4, flare.calls("monitor").size());

        flare.fake.replay("104-down-monitor-jsonl");
        WorkflowRun first = j.buildAndAssertStatus(
                Result.FAILURE,
                pipeline(
                        "down",
                        "node { flareWait jobId: '" + FlareFixture.JOB_ID
                                + "', credentialsId: 'flare-kit', interval: 1 }"));
        j.assertLogContains("[CONNECTION_FAILED, exit 2]", first);
        j.assertLogNotContains("did not answer this poll", first);
    }

    /** The step's timeout counts wall time since it started, over any number of polls. */
    @Test
    void aTimeoutEndsTheWaitWithTheClisTimeoutOutcome() throws Exception {
        flare.fake.respond("monitor", FlareFixture.runningPoll());
        WorkflowRun b = j.buildAndAssertStatus(
                Result.FAILURE,
                pipeline(
                        "timeout",
                        "node { flareWait jobId: '" + FlareFixture.JOB_ID
                                + "', credentialsId: 'flare-kit', interval: 1, timeout: 2 }"));
        j.assertLogContains("did not finish in time (RUNNING)", b);
        j.assertLogContains("[TIMEOUT]", b);
        assertEquals("TIMEOUT", FlareFixture.job(b).getOutcome());
        assertTrue(flare.calls("monitor").size() >= 1);
    }

    /**
     * The submit's answer is lost (102-down-submit-json: the CLI gives up), {@code retry} repeats it with the same
     * token and FLARE answers (21-job-submit); a later submit of the same folder is a new one, with a new token.
     */
    @Test
    void retryAroundASubmitWhoseAnswerWasLostRepeatsItsToken() throws Exception {
        flare.fake.replay("102-down-submit-json").replay("21-job-submit").replay("21-job-submit");
        WorkflowJob p = pipeline("retry", """
                node {
                  def id = null
                  retry(2) { id = flareSubmit jobFolder: 'job', credentialsId: 'flare-kit' }
                  def again = flareSubmit jobFolder: 'job', credentialsId: 'flare-kit'
                  echo "jobs: ${id} ${again}"
                }
                """);
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        FlareFixture.writeJobFolder(ws, "job");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        List<String> tokens = flare.calls("submit").stream()
                .map(c -> FlareFixture.option(c, "--submit-token"))
                .toList();
        assertEquals(3, tokens.size());
        assertEquals(tokens.get(0), tokens.get(1), "the retried submit repeats its token");
        assertNotEquals(tokens.get(1), tokens.get(2), "a new submit after an answered one gets a new token");
        j.assertLogContains("CONNECTION_FAILED", b);
        assertEquals(1, FlareFixture.jobs(b).size());
    }

    /** Parallel branches submitting the same folder are different submits. */
    @Test
    void parallelBranchesSubmittingTheSameFolderGetTheirOwnTokens() throws Exception {
        flare.fake.replay("21-job-submit");
        WorkflowJob p = pipeline("branches", """
                node {
                  parallel a: { flareSubmit jobFolder: 'job', credentialsId: 'flare-kit' },
                           b: { flareSubmit jobFolder: 'job', credentialsId: 'flare-kit' }
                }
                """);
        FlareFixture.writeJobFolder(j.jenkins.getWorkspaceFor(p), "job");
        j.buildAndAssertSuccess(p);
        List<String> tokens = flare.calls("submit").stream()
                .map(c -> FlareFixture.option(c, "--submit-token"))
                .toList();
        assertEquals(2, tokens.size());
        assertNotEquals(tokens.get(0), tokens.get(1));
    }

    /** The agent goes away mid-wait and comes back: the step says so once and goes on with the job. */
    @Test
    void theWaitOutlivesAnAgentDisconnect() throws Exception {
        Slave agent = inboundAgents.createAgent(j, "flare-agent");
        flare.fake.respond("monitor", FlareFixture.runningPoll());
        WorkflowJob p = pipeline(
                "reconnect",
                "node('flare-agent') { def r = flareWait jobId: '" + FlareFixture.JOB_ID
                        + "', credentialsId: 'flare-kit', interval: 1\n echo \"outcome: ${r.outcome}\" }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage(FlareFixture.RUNNING_LINE, b);

        inboundAgents.stop(j, agent.getNodeName());
        j.waitForMessage("[FLARE] The agent is offline", b);
        assertTrue(
                theStep(b).getStatus().contains("waiting for the agent"),
                theStep(b).getStatus());
        flare.fake.respond("monitor", Response.capture("22-job-monitor-jsonl"));
        inboundAgents.start(j, agent.getNodeName());

        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains(
                "[FLARE] The agent is back online: following FLARE job " + FlareFixture.JOB_ID + " again.", b);
        j.assertLogContains("outcome: COMPLETED", b);
        assertEquals(1, count(j.getLog(b), "[FLARE] The agent is offline"), "said once");
        flare.assertKitsDeleted();
    }

    /** A build aborted while its agent is offline aborts the FLARE job (43-abort-force) once the agent is back. */
    @Test
    void anAbortWhileTheAgentIsOfflineReachesFlareWhenItIsBack() throws Exception {
        Slave agent = inboundAgents.createAgent(j, "flare-agent");
        flare.fake.respond("monitor", FlareFixture.runningPoll()).replay("43-abort-force");
        WorkflowJob p = pipeline(
                "offline-abort",
                "node('flare-agent') { flareWait jobId: '" + FlareFixture.JOB_ID
                        + "', credentialsId: 'flare-kit', interval: 1 }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage(FlareFixture.RUNNING_LINE, b);
        inboundAgents.stop(j, agent.getNodeName());
        j.waitForMessage("[FLARE] The agent is offline", b);

        b.doStop();
        Thread.sleep(1000);
        assertTrue(b.isBuilding(), "the step waits for the agent to abort the FLARE job");
        assertTrue(flare.calls("abort").isEmpty());
        inboundAgents.start(j, agent.getNodeName());

        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        assertEquals(1, flare.calls("abort").size());
        j.assertLogContains("Abort requested for FLARE job " + FlareFixture.JOB_ID, b);
        assertEquals("ABORTED", FlareFixture.job(b).getOutcome());
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
