package io.jenkins.plugins.nvflare.steps.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsParameterDefinition;
import com.cloudbees.plugins.credentials.CredentialsParameterValue;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsUseListener;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionList;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Node;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.Slave;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import io.jenkins.plugins.nvflare.credentials.StartupKitCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
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
import org.jvnet.hudson.test.TestExtension;
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
    private static final String ABORT_OFFLINE = FollowExecution.class.getName() + ".abortOfflineSeconds";

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
        System.clearProperty(ABORT_OFFLINE);
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
        Path program = b.getRootDir().toPath().resolve("program.dat");
        assertTrue(Files.exists(program), "the waiting Pipeline's saved program");
        flare.assertNoKitIn(Files.readAllBytes(program), "program.dat while the step waits");
        assertFalse(theStep(b).blocksRestart(), "waiting for FLARE does not hold a restart back");
        flare.fake.respond("monitor", Response.capture("22-job-monitor-jsonl"));

        j.assertBuildStatusSuccess(j.waitForCompletion(b));

        j.assertLogContains("outcome: COMPLETED FINISHED:COMPLETED", b);
        for (String file : List.of("build.xml", "log")) {
            flare.assertNoKitIn(Files.readAllBytes(b.getRootDir().toPath().resolve(file)), file);
        }
        List<List<String>> polls = flare.calls("monitor");
        assertTrue(polls.size() >= 4, "polls: " + polls.size());
        for (List<String> poll : polls) {
            assertEquals("1", FlareFixture.option(poll, "--timeout"), poll.toString());
        }
        assertEquals(1, count(j.getLog(b), FlareFixture.RUNNING_LINE), "the RUNNING state is shown once");
        j.assertLogNotContains("TIMEOUT", b);
        j.assertLogContains("[FLARE] FLARE job " + FlareFixture.JOB_ID + " (hello-numpy) completed in 16 sec.", b);
        j.assertLogNotContains("FINISHED:COMPLETED)", b); // the status only repeated the outcome
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
        j.assertLogContains("did not finish in time while RUNNING after ", b);
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
        j.waitForMessage("[FLARE] Lost the agent", b);
        assertTrue(
                theStep(b).getStatus().contains("waiting for the agent"),
                theStep(b).getStatus());
        flare.fake.respond("monitor", Response.capture("22-job-monitor-jsonl"));
        inboundAgents.start(j, agent.getNodeName());

        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains(
                "[FLARE] The agent is back online: following FLARE job " + FlareFixture.JOB_ID + " again.", b);
        j.assertLogContains("outcome: COMPLETED", b);
        assertEquals(1, count(j.getLog(b), "[FLARE] Lost the agent"), "said once");
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
        j.waitForMessage("[FLARE] Lost the agent", b);

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

    /**
     * An abort while the agent stays offline waits a short bound (here 2 s, by default 30 s), not the minutes a running
     * job is waited for: the build ends, and the console says the FLARE job was not aborted and names it.
     */
    @Test
    void anAbortWithTheAgentOfflineGivesUpAfterAShortBound() throws Exception {
        System.setProperty(ABORT_OFFLINE, "2");
        Slave agent = inboundAgents.createAgent(j, "flare-agent");
        flare.fake.respond("monitor", FlareFixture.runningPoll());
        WorkflowJob p = pipeline(
                "offline-abort-bound",
                "node('flare-agent') { flareWait jobId: '" + FlareFixture.JOB_ID
                        + "', credentialsId: 'flare-kit', interval: 1 }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage(FlareFixture.RUNNING_LINE, b);
        inboundAgents.stop(j, agent.getNodeName());
        j.waitForMessage("[FLARE] Lost the agent", b);

        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("waiting up to 2 s for the agent to abort FLARE job " + FlareFixture.JOB_ID, b);
        j.assertLogContains(
                "Could not abort FLARE job " + FlareFixture.JOB_ID
                        + ": the agent stayed offline for 2 s. The FLARE job was not aborted",
                b);
        assertTrue(flare.calls("abort").isEmpty());
    }

    /** The credential deleted while the job runs: the step looked it up once, so its abort still reaches FLARE. */
    @Test
    void anAbortAfterTheCredentialWasDeletedStillAbortsTheFlareJob() throws Exception {
        flare.fake.respond("monitor", FlareFixture.runningPoll()).replay("43-abort-force");
        WorkflowJob p = pipeline(
                "deleted-kit",
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit', interval: 1 }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage(FlareFixture.RUNNING_LINE, b);
        SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
        provider.getDomainCredentialsMap().get(Domain.global()).clear();
        provider.save();

        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        assertEquals(1, flare.calls("abort").size());
        j.assertLogContains("Abort requested for FLARE job " + FlareFixture.JOB_ID, b);
        // the build page says how it ended, not the last poll's RUNNING beside it
        assertEquals("Aborted", FlareFixture.view(b).getStatusText());
        assertEquals("hello-numpy", FlareFixture.job(b).getJobName());
    }

    /**
     * Whatever fails while a stop aborts the FLARE job (here the kit cannot be read) ends the step with the stop's
     * cause, says so, and leaves no build aborting.
     */
    @Test
    void aFailureWhileAbortingEndsTheStep() throws Exception {
        UnreadableKit kit = new UnreadableKit(flare.kitZip);
        FlareFixture.addCredentials(kit);
        flare.fake.respond("monitor", FlareFixture.runningPoll());
        WorkflowJob p = pipeline(
                "failing-abort",
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'unreadable', interval: 1 }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage(FlareFixture.RUNNING_LINE, b);
        kit.broken = true;

        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains(
                "Could not abort FLARE job " + FlareFixture.JOB_ID + ": the kit file cannot be read. The FLARE job was"
                        + " not aborted",
                b);
        assertTrue(flare.calls("abort").isEmpty());
    }

    /**
     * A credentials parameter is looked up, and its use recorded, once per step, not on every poll (the credentials
     * plugin records a parameter's use on each lookup and each time the build's environment is computed): a build
     * whose step polls six times records as many uses as one whose step polls twice.
     */
    @Test
    void aCredentialsParameterIsTrackedOncePerStepNotPerPoll() throws Exception {
        WorkflowJob p = pipeline(
                "parameter",
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: '${KIT}', interval: 1 }");
        p.addProperty(new ParametersDefinitionProperty(new CredentialsParameterDefinition(
                "KIT", "", FlareFixture.KIT_ID, StartupKitCredentials.class.getName(), true)));
        List<Integer> uses = new java.util.ArrayList<>();
        for (int polls : new int[] {2, 6}) {
            for (int i = 1; i < polls; i++) {
                flare.fake.respond("monitor", FlareFixture.runningPoll());
            }
            flare.fake.respond("monitor", Response.capture("22-job-monitor-jsonl"));
            int before = flare.calls("monitor").size();
            WorkflowRun b = j.assertBuildStatusSuccess(p.scheduleBuild2(
                    0, new ParametersAction(new CredentialsParameterValue("KIT", FlareFixture.KIT_ID, "", false))));
            assertEquals(polls, flare.calls("monitor").size() - before);
            uses.add(ExtensionList.lookupSingleton(KitUses.class).of(b));
        }
        assertTrue(uses.get(0) > 0, "the use is recorded");
        assertEquals(uses.get(0), uses.get(1), "uses recorded for 2 and for 6 polls");
    }

    /** Counts the recorded uses of the kit credential per build. */
    @TestExtension
    public static final class KitUses implements CredentialsUseListener {
        private final Map<String, Integer> uses = new ConcurrentHashMap<>();

        int of(Run<?, ?> run) {
            return uses.getOrDefault(run.getExternalizableId(), 0);
        }

        @Override
        public void onUse(Credentials c, Run run) {
            if (c instanceof StandardCredentials s && s.getId().equals(FlareFixture.KIT_ID)) {
                uses.merge(run.getExternalizableId(), 1, Integer::sum);
            }
        }

        @Override
        public void onUse(Credentials c, Node node) {}

        @Override
        public void onUse(Credentials c, Item item) {}
    }

    /** A Secret file credential whose content stops being readable, as a disk or a credentials store can fail. */
    public static final class UnreadableKit extends BaseStandardCredentials implements FileCredentials {
        private final byte[] zip;
        private volatile boolean broken;

        UnreadableKit(byte[] zip) {
            super(CredentialsScope.GLOBAL, "unreadable", "kit that breaks");
            this.zip = zip.clone();
        }

        @NonNull
        @Override
        public String getFileName() {
            return "admin@nvidia.com.zip";
        }

        @NonNull
        @Override
        public InputStream getContent() throws IOException {
            if (broken) {
                throw new IOException("the kit file cannot be read");
            }
            return new ByteArrayInputStream(zip);
        }

        /** Descriptor. */
        @TestExtension
        public static final class DescriptorImpl extends BaseStandardCredentialsDescriptor {}
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
