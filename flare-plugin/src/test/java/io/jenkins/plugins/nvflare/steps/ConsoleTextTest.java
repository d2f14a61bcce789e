package io.jenkins.plugins.nvflare.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.f3.FakeFederation;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What a user reads in the build console: the server and transport named when a step first talks to FLARE, a line per
 * state and per round, the outcome once with its duration, hints on their own line in Jenkins terms (on either
 * transport), readable lists, and a default {@code flareLogs} that is a tail.
 */
@WithJenkins
class ConsoleTextTest {

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
    }

    private WorkflowRun run(String script, Result expected) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.buildAndAssertStatus(expected, p);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** 140-monitor-poll-running-jsonl with the metrics FLARE's monitor adds to an event when the job's stats have them. */
    private static Response pollWithMetrics(String metrics) {
        String stdout = FlareFixture.runningPollText()
                .replaceFirst("\"elapsed_s\": 26.9,", "\"elapsed_s\": 26.9, \"metrics\": " + metrics + ",");
        return Response.of(stdout, "", 3);
    }

    /**
     * Polls (140-monitor-poll-running-jsonl three times, two of them with a round's metrics) and the end
     * (22-job-monitor-jsonl, whose COMPLETED progress event and terminal event are one event to a reader).
     */
    @Test
    void aWaitSaysTheServerEachStateAndRoundOnceAndTheOutcomeOnce() throws Exception {
        flare.fake
                .respond("monitor", FlareFixture.runningPoll())
                .respond("monitor", pollWithMetrics("{\"round\": 1, \"accuracy\": 0.5, \"loss\": 0.25}"))
                .respond("monitor", pollWithMetrics("{\"round\": 2, \"accuracy\": 0.75, \"loss\": 0.125}"))
                .respond("monitor", Response.capture("22-job-monitor-jsonl"));
        WorkflowRun b = run(
                "node { flareWait jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit', interval: 1 }",
                Result.SUCCESS);
        String log = j.getLog(b);

        Matcher server = Pattern.compile(
                        "\\[FLARE] Talking to NVIDIA FLARE at (\\w+://[^ ]+) as admin@nvidia\\.com \\(project ([^)]+)\\), "
                                + "nvflare CLI (.+)\\.")
                .matcher(log);
        assertTrue(server.find(), log);
        assertEquals(flare.fake.executable().toString(), server.group(3));
        assertEquals(1, count(log, "Talking to NVIDIA FLARE"), "named when the step first talks to FLARE: " + log);
        assertEquals(1, count(log, FlareFixture.RUNNING_LINE), log);
        assertTrue(log.contains("[FLARE] Job e44ccf11 (hello-numpy): round 1: accuracy 0.5, loss 0.25\n"), log);
        assertTrue(log.contains("[FLARE] Job e44ccf11 (hello-numpy): round 2: accuracy 0.75, loss 0.125\n"), log);
        assertTrue(
                log.contains("[FLARE] FLARE job " + FlareFixture.JOB_ID + " (hello-numpy) completed in 16 sec.\n"),
                log);
        for (String gone : new String[] {"elapsed", "duration", "finished:", "FINISHED:COMPLETED", "COMPLETED ("}) {
            assertEquals(0, count(log, gone), gone + " in " + log);
        }
    }

    /** 26-job-meta twice: the build's console names the server once for a credential and transport, not per step. */
    @Test
    void theServerIsNamedOncePerBuild() throws Exception {
        flare.fake.replay("26-job-meta").replay("26-job-meta");
        WorkflowRun b = run(
                "node { 2.times { flareStatus jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit' } }",
                Result.SUCCESS);
        assertEquals(2, flare.calls("meta").size());
        assertEquals(1, count(j.getLog(b), "Talking to NVIDIA FLARE"), j.getLog(b));
    }

    /** 51-unknown-id-meta-json: FLARE's message and code on one line, the hint in Jenkins terms on the next. */
    @Test
    void aHintIsALineOfItsOwnInJenkinsTerms() throws Exception {
        flare.fake.replay("51-unknown-id-meta-json");
        WorkflowRun b = run("node { flareStatus jobId: 'no-such-job', credentialsId: 'flare-kit' }", Result.FAILURE);
        j.assertLogContains(
                "[FLARE] Job '00000000-0000-0000-0000-000000000000' does not exist. \u2014 searched study 'default' "
                        + "[JOB_NOT_FOUND, exit 1]\n[FLARE] Hint: The step searched study 'default'. If the job is in "
                        + "another study, give the step study: '<name>'; flareList lists a study's jobs.",
                b);
        j.assertLogNotContains("nvflare job list", b);
        j.assertLogNotContains("--study", b);
    }

    /** 174-log-config-all: FLARE answers {@code sites: ["all"]}. */
    @Test
    void aLogLevelChangeNamesTheSitesInWords() throws Exception {
        flare.fake.replay("174-log-config-all");
        WorkflowRun b = run(
                "node { flareLogLevel jobId: '8e4d7b43-f320-42cb-9786-f725329da588', level: 'INFO', "
                        + "credentialsId: 'flare-kit' }",
                Result.SUCCESS);
        j.assertLogContains(
                "[FLARE] Log level of FLARE job 8e4d7b43-f320-42cb-9786-f725329da588 set to INFO on all sites.", b);
        j.assertLogNotContains("[all]", b);
    }

    /** 27-job-logs-all-json: a default flareLogs asks for a console's tail and says how to get the whole log. */
    @Test
    void aDefaultFlareLogsIsATailAndSaysHowToGetMore() throws Exception {
        flare.fake.replay("27-job-logs-all-json");
        WorkflowRun b = run(
                "node { flareLogs jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit' }", Result.SUCCESS);
        assertEquals("50", FlareFixture.option(flare.calls("logs").get(0), "--tail"));
        j.assertLogContains(
                "[FLARE] Showed the last 50 lines per site: give tail: N for more, or maxBytes: 1048576 for the whole "
                        + "log (up to that many bytes per site).",
                b);
        flare.fake.replay("27-job-logs-all-json");
        WorkflowRun whole = run(
                "node { flareLogs jobId: '" + FlareFixture.JOB_ID
                        + "', credentialsId: 'flare-kit', maxBytes: 1048576 }",
                Result.SUCCESS);
        assertEquals(null, FlareFixture.option(flare.calls("logs").get(1), "--tail"));
        j.assertLogNotContains("Showed the last", whole);
    }

    /**
     * The native transport names the server's version (its login asks for it), and repeats the CLI's hints only in
     * Jenkins terms: deleting a running job (FakeFederation's job is RUNNING at its first meta) names flareAbort.
     */
    @Test
    void theNativeTransportNamesTheVersionAndGivesJenkinsHints() throws Exception {
        try (FakeFederation federation = FakeFederation.helloNumpy(tmp.resolve("federation"))) {
            FlareFixture.addNativeKit(federation);
            WorkflowRun b = run(
                    "node { flareDelete jobId: '" + FakeFederation.jobId()
                            + "', credentialsId: 'native-kit', transport: 'native' }",
                    Result.FAILURE);
            String log = j.getLog(b);
            assertTrue(
                    Pattern.compile(
                                    "\\[FLARE] Talking to NVIDIA FLARE \\d+\\.\\d+\\S* at tcp://127\\.0\\.0\\.1:\\d+ as "
                                            + "admin@nvidia\\.com \\(project [^)]+\\), native transport\\.")
                            .matcher(log)
                            .find(),
                    log);
            assertTrue(
                    log.contains("[FLARE] Hint: Abort it first with flareAbort, or delete it anyway with flareDelete "
                            + "force: true."),
                    log);
            assertTrue(!log.contains("nvflare job abort"), log);
        }
    }
}
