package io.jenkins.plugins.nvflare.steps.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.f3.FakeFederation;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The controller restarts while a build follows its FLARE job: the build goes on after the restart. The fake
 * {@code nvflare} (its answers on disk) outlives the controller like a real FLARE server: the live capture
 * 140-monitor-poll-running-jsonl while the job runs, 22-job-monitor-jsonl once it ended, 43-abort-force for an abort.
 */
class RestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path tmp;

    private FlareFixture flare;

    private static WorkflowJob pipeline(JenkinsRule j, String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "train");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private static WorkflowRun build(JenkinsRule j) {
        WorkflowJob p = j.jenkins.getItemByFullName("train", WorkflowJob.class);
        return p.getBuildByNumber(1);
    }

    /** The job ends while the controller is down: after the restart the first poll gives its outcome. */
    @Test
    void aJobThatEndedWhileJenkinsWasDownGivesItsOutcome() throws Throwable {
        sessions.then(j -> {
            flare = FlareFixture.create(tmp);
            flare.fake.respond("monitor", FlareFixture.runningPoll());
            WorkflowJob p = pipeline(
                    j,
                    "node { def r = flareWait jobId: '" + FlareFixture.JOB_ID
                            + "', credentialsId: 'flare-kit', interval: 30, timeout: 3600\n echo \"outcome: ${r.outcome} ${r.status}\" }");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage(FlareFixture.RUNNING_LINE, b);
            // The job finishes; the next poll is 30 s away, so only the restarted controller sees it.
            flare.fake.respond("monitor", Response.capture("22-job-monitor-jsonl"));
        });
        sessions.then(j -> {
            WorkflowRun b = build(j);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("[FLARE] Jenkins restarted: following FLARE job " + FlareFixture.JOB_ID + " again.", b);
            j.assertLogContains("outcome: COMPLETED FINISHED:COMPLETED", b);
            String log = j.getLog(b);
            assertEquals(
                    1,
                    log.split(java.util.regex.Pattern.quote(FlareFixture.RUNNING_LINE), -1).length - 1,
                    "the console goes on without repeating the progress shown before the restart:\n" + log);
            assertEquals(1, log.split("Following FLARE job ", -1).length - 1, log);
            assertEquals(2, flare.calls("monitor").size());
            assertEquals("FINISHED:COMPLETED", FlareFixture.job(b).getStatus());
            flare.assertKitsDeleted();
        });
    }

    /**
     * The same on the native transport, against {@link FakeFederation} (it outlives the controller too): its first
     * get_job_meta says RUNNING, the next one FINISHED:COMPLETED (26-job-meta).
     */
    @Test
    void theNativeTransportResumesToo() throws Throwable {
        FakeFederation federation = FakeFederation.helloNumpy(tmp.resolve("federation"));
        try {
            String job = FakeFederation.jobId();
            sessions.then(j -> {
                flare = FlareFixture.create(tmp);
                FlareFixture.addNativeKit(federation);
                WorkflowJob p = pipeline(
                        j,
                        "node { def r = flareWait jobId: '" + job + "', credentialsId: 'native-kit', "
                                + "transport: 'native', interval: 30\n echo \"outcome: ${r.outcome}\" }");
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                j.waitForMessage(FlareFixture.RUNNING_LINE, b);
            });
            sessions.then(j -> {
                WorkflowRun b = build(j);
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                j.assertLogContains("[FLARE] Jenkins restarted: following FLARE job " + job + " again.", b);
                j.assertLogContains("outcome: COMPLETED", b);
                assertEquals(List.of(), federation.unscripted());
                assertTrue(flare.fake.calls().isEmpty(), "native never runs nvflare");
            });
        } finally {
            federation.close();
        }
    }

    /** The job still runs after the restart; the build follows it to its end. */
    @Test
    void aRestartWhileTheJobRunsDoesNotFailTheBuild() throws Throwable {
        sessions.then(j -> {
            flare = FlareFixture.create(tmp);
            flare.fake.respond("monitor", FlareFixture.runningPoll());
            WorkflowJob p = pipeline(
                    j,
                    "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit', interval: 1 }");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage(FlareFixture.RUNNING_LINE, b);
        });
        sessions.then(j -> {
            WorkflowRun b = build(j);
            j.waitForMessage("[FLARE] Jenkins restarted: following FLARE job", b);
            int before = flare.calls("monitor").size();
            while (flare.calls("monitor").size() < before + 2) {
                Thread.sleep(100); // polls go on after the restart
            }
            assertTrue(b.isBuilding());
            flare.fake.respond("monitor", Response.capture("22-job-monitor-jsonl"));
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("FLARE job " + FlareFixture.JOB_ID + " (hello-numpy) completed", b);
        });
    }

    /** Aborting the build after the restart still aborts the FLARE job. */
    @Test
    void anAbortAfterTheRestartAbortsTheFlareJob() throws Throwable {
        sessions.then(j -> {
            flare = FlareFixture.create(tmp);
            flare.fake.respond("monitor", FlareFixture.runningPoll()).replay("43-abort-force");
            WorkflowJob p = pipeline(
                    j,
                    "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit', interval: 1 }");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage(FlareFixture.RUNNING_LINE, b);
        });
        sessions.then(j -> {
            WorkflowRun b = build(j);
            j.waitForMessage("[FLARE] Jenkins restarted: following FLARE job", b);
            b.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
            List<List<String>> aborts = flare.calls("abort");
            assertEquals(1, aborts.size());
            assertTrue(aborts.get(0).contains(FlareFixture.JOB_ID));
            assertEquals("ABORTED", FlareFixture.job(b).getOutcome());
            flare.assertKitsDeleted();
        });
    }

    /**
     * The controller stops while the upload runs (a submit that never answers): the restarted step submits again with
     * the token it saved before the upload, and FLARE answers with its job (21-job-submit).
     */
    @Test
    void aSubmitCutByARestartIsRepeatedWithTheSameToken() throws Throwable {
        sessions.then(j -> {
            flare = FlareFixture.create(tmp);
            flare.fake.respond("submit", Response.of("", "", 0).thenHang()).replay("21-job-submit");
            WorkflowJob p =
                    pipeline(j, "node { echo \"job: ${flareSubmit jobFolder: 'job', credentialsId: 'flare-kit'}\" }");
            FlareFixture.writeJobFolder(j.jenkins.getWorkspaceFor(p), "job");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            while (flare.calls("submit").isEmpty()) {
                Thread.sleep(100);
            }
            assertTrue(b.getExecution().blocksRestart(), "a submit in flight holds a safe restart back");
        });
        sessions.then(j -> {
            WorkflowRun b = build(j);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("[FLARE] Jenkins restarted: submitting job again with the same submit token", b);
            j.assertLogContains("job: " + FlareFixture.JOB_ID, b);
            List<List<String>> submits = flare.calls("submit");
            assertEquals(2, submits.size());
            assertEquals(
                    FlareFixture.option(submits.get(0), "--submit-token"),
                    FlareFixture.option(submits.get(1), "--submit-token"));
        });
    }
}
