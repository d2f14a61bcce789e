package io.jenkins.plugins.nvflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.jenkins.plugins.nvflare.client.f3.FakeFederation;
import java.nio.file.Path;
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
 * {@code flareStatus}, {@code flareAbort}, {@code flareList} and {@code flareStats} against the fake {@code nvflare}
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
        j.assertLogContains("status=FINISHED:COMPLETED name=hello-numpy study=default duration=0:00:15.951915 submitter=admin@nvidia.com", b);
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
}
