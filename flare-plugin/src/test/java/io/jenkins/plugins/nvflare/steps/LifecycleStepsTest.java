package io.jenkins.plugins.nvflare.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.f3.FakeFederation;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.model.JobRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code flareStatus}, {@code flareAbort}, {@code flareList}, {@code flareStats}, {@code flareClone}, {@code flareDelete}
 * and {@code flareLogLevel} against the fake {@code nvflare}
 * replaying the captures named in each test, and on the native transport against {@link FakeFederation}.
 */
@WithJenkins
class LifecycleStepsTest {

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

    /** 26-job-meta: the finished hello-numpy job. */
    @Test
    void flareStatusReturnsTheJobsMetadataAndSites() throws Exception {
        flare.fake.replay("26-job-meta");
        WorkflowRun b = run("""
                node {
                  def s = flareStatus jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit'
                  echo "status=${s.status} name=${s.name} study=${s.study} duration=${s.duration} submitter=${s.submitter}"
                  echo "submitted=${s.submitTime} started=${s.startTime} sites=${s.sites}"
                }
                """, Result.SUCCESS);
        j.assertLogContains(
                "status=FINISHED:COMPLETED name=hello-numpy study=default duration=0:00:15.951915 submitter=admin@nvidia.com",
                b);
        j.assertLogContains("started=2026-11-24T23:18:50.713490+00:00 sites=[server:OK, site-2:OK, site-1:OK]", b);
        List<String> meta = flare.calls("meta").get(0);
        assertTrue(meta.contains(FlareFixture.JOB_ID), meta.toString());
        flare.assertKitsDeleted();
    }

    /** 51-unknown-id-meta-json: FLARE's JOB_NOT_FOUND ends the step with its code and hint. */
    @Test
    void flareStatusOfAnUnknownJobFails() throws Exception {
        flare.fake.replay("51-unknown-id-meta-json");
        WorkflowRun b = run("node { flareStatus jobId: 'no-such-job', credentialsId: 'flare-kit' }", Result.FAILURE);
        j.assertLogContains("JOB_NOT_FOUND", b);
    }

    /** 43-abort-force: a running job aborted; 52-abort-finished-job-admin: a finished one, which FLARE leaves as it is. */
    @Test
    void flareAbortAbortsAndToleratesAFinishedJob() throws Exception {
        flare.fake.replay("43-abort-force").replay("52-abort-finished-job-admin");
        WorkflowRun b = run("""
                node {
                  def a = flareAbort jobId: '3a753c6b-0b55-4a6e-97e9-a87b92e05356', credentialsId: 'flare-kit'
                  echo "aborted ${a.jobId}: ${a.status}"
                  def again = flareAbort jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit'
                  echo "finished job: ${again.status}"
                }
                """, Result.SUCCESS);
        j.assertLogContains("aborted 3a753c6b-0b55-4a6e-97e9-a87b92e05356: ABORTED", b);
        j.assertLogContains("finished job: ABORTED", b);
        List<List<String>> aborts = flare.calls("abort");
        assertEquals(2, aborts.size());
        assertTrue(aborts.get(0).contains("--force"), aborts.get(0).toString());
        flare.assertKitsDeleted();
    }

    /** 88-job-list-final-json: every job; 89-job-list-filter-name: {@code -n hello-log}. */
    @Test
    void flareListReturnsTheJobsWithTheClisFilters() throws Exception {
        flare.fake.replay("88-job-list-final-json").replay("89-job-list-filter-name");
        WorkflowRun b = run("""
                node {
                  def all = flareList credentialsId: 'flare-kit'
                  echo "all: ${all.size()} first=${all[0].jobId} ${all[0].name} ${all[0].status}"
                  def some = flareList credentialsId: 'flare-kit', namePrefix: 'hello-log', idPrefix: 'ab', max: 3
                  echo "some: ${some.collect { it.name }.unique()}"
                }
                """, Result.SUCCESS);
        j.assertLogContains("first=344d940c-0ac8-42a1-83c5-83f5d79f964e hello-np FINISHED:COMPLETED", b);
        j.assertLogContains("some: [hello-log", b);
        assertEquals("100", FlareFixture.option(flare.calls("list").get(0), "-m"), "at most 100 jobs by default");
        List<String> filtered = flare.calls("list").get(1);
        assertEquals("hello-log", FlareFixture.option(filtered, "-n"));
        assertEquals("ab", FlareFixture.option(filtered, "-i"));
        assertEquals("3", FlareFixture.option(filtered, "-m"));
        assertEquals("default", FlareFixture.option(filtered, "--study"));
    }

    /** 23-job-stats-running: the server's and both sites' statistics of the running job. */
    @Test
    void flareStatsReturnsEachTargetsStatistics() throws Exception {
        flare.fake.replay("23-job-stats-running").replay("23-job-stats-running");
        WorkflowRun b = run("""
                node {
                  def s = flareStats jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit'
                  echo "targets=${s.keySet()} workflow=${s.server.ServerRunner.workflow} tasks=${s['site-1'].ClientRunner.current_tasks}"
                  flareStats jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit', site: 'server'
                }
                """, Result.SUCCESS);
        j.assertLogContains("targets=[server, site-2, site-1] workflow=controller tasks=[train]", b);
        assertEquals(null, FlareFixture.option(flare.calls("stats").get(0), "--site"));
        assertEquals("server", FlareFixture.option(flare.calls("stats").get(1), "--site"));
    }

    /** The same steps on the native transport: {@link FakeFederation}'s get_job_meta (26-job-meta) and show_stats (23). */
    @Test
    void statusAndStatsOnTheNativeTransport() throws Exception {
        try (FakeFederation federation = FakeFederation.helloNumpy(tmp.resolve("federation"))) {
            FlareFixture.addNativeKit(federation);
            String job = FakeFederation.jobId();
            WorkflowRun b = run("""
                    node {
                      def s = flareStats jobId: '%s', credentialsId: 'native-kit', transport: 'native', site: 'server'
                      echo "workflow=${s.server.ServerRunner.workflow}"
                      def first = flareStatus jobId: '%s', credentialsId: 'native-kit', transport: 'native'
                      def second = flareStatus jobId: '%s', credentialsId: 'native-kit', transport: 'native'
                      echo "status=${first.status} then ${second.status} sites=${second.sites}"
                    }
                    """.formatted(job, job, job), Result.SUCCESS);
            j.assertLogContains("workflow=controller", b);
            j.assertLogContains("status=RUNNING then FINISHED:COMPLETED sites=[server:OK, site-2:OK, site-1:OK]", b);
            assertEquals(List.of(), federation.unscripted());
            assertTrue(flare.fake.calls().isEmpty(), "native never runs nvflare");
        }
    }

    /** 160-clone: the new job's id is returned and shown on the build page; 161-clone-unknown-id: JOB_NOT_FOUND. */
    @Test
    void flareCloneReturnsTheNewJobAndShowsIt() throws Exception {
        flare.fake.replay("160-clone").replay("161-clone-unknown-id");
        WorkflowRun b = run("""
                node {
                  def id = flareClone jobId: '97d8752d-ab2a-46a5-9eee-44200893a217', credentialsId: 'flare-kit'
                  echo "new job ${id}"
                  flareClone jobId: 'no-such-job', credentialsId: 'flare-kit'
                }
                """, Result.FAILURE);
        j.assertLogContains("new job 4a92cdcb-ad92-4b3a-8952-249e435e1f0d", b);
        j.assertLogContains(
                "[FLARE] Cloned FLARE job 97d8752d-ab2a-46a5-9eee-44200893a217 as job 4a92cdcb-ad92-4b3a-8952-249e435e1f0d",
                b);
        j.assertLogContains("JOB_NOT_FOUND", b);
        assertEquals(
                List.of("4a92cdcb-ad92-4b3a-8952-249e435e1f0d"),
                FlareFixture.jobs(b).stream().map(JobRecord::getJobId).toList());
        assertTrue(
                flare.calls("clone").get(0).contains("97d8752d-ab2a-46a5-9eee-44200893a217"),
                flare.calls("clone").toString());
        flare.assertKitsDeleted();
    }

    /**
     * flareDelete of a finished job (26-job-meta, then 163-delete-finished); of a running one (26-job-meta with status
     * RUNNING, as the live POC's meta of capture 165's job): refused with FLARE's JOB_NOT_DONE and its hint, nothing
     * aborted or deleted.
     */
    @Test
    void flareDeleteDeletesAFinishedJobAndRefusesARunningOne() throws Exception {
        flare.fake.replay("26-job-meta").replay("163-delete-finished").respond("meta", running());
        WorkflowRun b = run("""
                node {
                  def d = flareDelete jobId: '97d8752d-ab2a-46a5-9eee-44200893a217', credentialsId: 'flare-kit'
                  echo "deleted ${d.jobId} marked=${d.submitRecordsMarkedDeleted}"
                  flareDelete jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit'
                }
                """, Result.FAILURE);
        j.assertLogContains("deleted 97d8752d-ab2a-46a5-9eee-44200893a217 marked=0", b);
        j.assertLogContains("JOB_NOT_DONE", b);
        j.assertLogContains(
                "[FLARE] Hint: Abort it first with flareAbort, or delete it anyway with flareDelete force: true.", b);
        assertEquals(1, flare.calls("delete").size(), "the running job was not deleted");
        assertTrue(flare.calls("delete").get(0).contains("--force"), "non-interactive: the CLI needs --force");
        assertEquals(List.of(), flare.calls("abort"));
    }

    /**
     * flareDelete force: true of a running job: aborted (43-abort-force), waited for until its meta says finished
     * (RUNNING once more, as capture 170 found right after an abort, then 26-job-meta), then deleted (163).
     */
    @Test
    void flareDeleteForcedAbortsARunningJobFirst() throws Exception {
        flare.fake
                .respond("meta", running())
                .respond("meta", running())
                .respond("meta", running())
                .replay("26-job-meta")
                .replay("43-abort-force")
                .replay("163-delete-finished");
        WorkflowRun b = run("""
                node {
                  flareStatus jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit'
                  def d = flareDelete jobId: 'e44ccf11-a162-442d-b1b6-cb6d849f89eb', credentialsId: 'flare-kit', force: true
                  echo "deleted ${d.jobId} last=${d.status} aborted=${d.aborted}"
                }
                """, Result.SUCCESS);
        j.assertLogContains("is RUNNING: aborting it before deleting it.", b);
        j.assertLogContains("is FINISHED:COMPLETED.", b);
        j.assertLogContains("[FLARE] Deleted FLARE job e44ccf11-a162-442d-b1b6-cb6d849f89eb.", b);
        j.assertLogContains("last=FINISHED:COMPLETED aborted=true", b);
        assertEquals(1, flare.calls("abort").size());
        assertEquals(1, flare.calls("delete").size());
        JobRecord shown = FlareFixture.job(b);
        assertEquals("Aborted and deleted from FLARE (flareDelete force: true).", shown.getMessage());
        assertEquals("ABORTED", shown.getOutcome());
        flare.assertKitsDeleted();
    }

    /** 174-log-config-all (the level on every target), 173-log-config-site (--site), 184-log-config-finished (JOB_NOT_RUNNING). */
    @Test
    void flareLogLevelChangesARunningJobsLogging() throws Exception {
        flare.fake.replay("174-log-config-all").replay("173-log-config-site").replay("184-log-config-finished");
        WorkflowRun b = run("""
                node {
                  def r = flareLogLevel jobId: '8e4d7b43-f320-42cb-9786-f725329da588', level: 'INFO', credentialsId: 'flare-kit'
                  echo "config=${r.config} sites=${r.sites} status=${r.status}"
                  flareLogLevel jobId: '8e4d7b43-f320-42cb-9786-f725329da588', level: 'INFO', site: 'site-1', credentialsId: 'flare-kit'
                  flareLogLevel jobId: '97d8752d-ab2a-46a5-9eee-44200893a217', level: 'DEBUG', credentialsId: 'flare-kit'
                }
                """, Result.FAILURE);
        j.assertLogContains("config=INFO sites=[all] status=applied", b);
        j.assertLogContains("JOB_NOT_RUNNING", b);
        List<List<String>> calls = flare.calls("log-config");
        assertEquals(3, calls.size(), flare.fake.calls().toString());
        assertTrue(
                Collections.indexOfSubList(calls.get(0), List.of("8e4d7b43-f320-42cb-9786-f725329da588", "INFO")) > 0,
                calls.get(0).toString());
        assertEquals(null, FlareFixture.option(calls.get(0), "--site"));
        assertEquals("site-1", FlareFixture.option(calls.get(1), "--site"));
    }

    /** Clone, log level and delete on the native transport: FakeFederation's clone_job (160), configure_job_log and delete_job. */
    @Test
    void cloneLogLevelAndDeleteOnTheNativeTransport() throws Exception {
        try (FakeFederation federation = FakeFederation.helloNumpy(tmp.resolve("federation"))) {
            FlareFixture.addNativeKit(federation);
            String job = FakeFederation.jobId();
            WorkflowRun b = run("""
                    node {
                      def r = flareLogLevel jobId: '%s', level: 'DEBUG', credentialsId: 'native-kit', transport: 'native'
                      echo "config=${r.config} sites=${r.sites}"
                      def d = flareDelete jobId: '%s', credentialsId: 'native-kit', transport: 'native'
                      echo "deleted ${d.jobId}"
                      echo "clone ${flareClone jobId: '%s', credentialsId: 'native-kit', transport: 'native'}"
                    }
                    """.formatted(job, job, job), Result.SUCCESS);
            j.assertLogContains("config=DEBUG sites=[all]", b);
            j.assertLogContains("deleted " + job, b);
            j.assertLogContains("clone " + FakeFederation.clonedJobId(), b);
            assertTrue(
                    federation.commands().contains("configure_job_log " + job + " all DEBUG"),
                    federation.commands().toString());
            assertEquals(List.of(), federation.unscripted());
            assertTrue(flare.fake.calls().isEmpty(), "native never runs nvflare");
        }
    }

    /** 26-job-meta while the job runs, then 43-abort-force: the build page follows what the build learns. */
    @Test
    void theBuildPageFollowsFlareStatusAndFlareAbort() throws Exception {
        flare.fake.respond("meta", running());
        WorkflowRun status = run(
                "node { flareStatus jobId: '" + FlareFixture.JOB_ID + "', credentialsId: 'flare-kit' }",
                Result.SUCCESS);
        assertEquals("RUNNING", FlareFixture.view(status).getStatusText());
        assertEquals("hello-numpy", FlareFixture.job(status).getJobName());

        flare.fake.respond("meta", running()).replay("43-abort-force");
        WorkflowRun b = run("""
                node {
                  flareStatus jobId: '%s', credentialsId: 'flare-kit'
                  flareAbort jobId: '%s', credentialsId: 'flare-kit'
                }
                """.formatted(FlareFixture.JOB_ID, FlareFixture.JOB_ID), Result.SUCCESS);
        assertEquals("ABORTED", FlareFixture.view(b).getStatusText());
        String page = j.createWebClient().getPage(b).asNormalizedText();
        assertTrue(page.contains("(hello-numpy)"), page);
        assertTrue(page.contains("Status: ABORTED"), page);
        assertTrue(page.contains("Abort requested (flareAbort)."), page);
    }

    /** 26-job-meta as the job's meta while it runs. */
    private static FakeNvflare.Response running() {
        String finished = new String(FakeNvflare.resource("26-job-meta.stdout"), StandardCharsets.UTF_8);
        return FakeNvflare.Response.of(finished.replace("\"FINISHED:COMPLETED\"", "\"RUNNING\""), "", 0);
    }
}
