package io.jenkins.plugins.nvflare.steps.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import io.jenkins.plugins.nvflare.FlareFixture;
import io.jenkins.plugins.nvflare.client.artifact.RoundMetrics;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import io.jenkins.plugins.nvflare.model.JobRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Eight {@code parallel} branches follow a FLARE job at once; each poll reports a new round, which each branch records
 * and saves while the others record theirs. The build's record must stay whole: no branch may fail because another
 * branch's save met a collection changing under it (a {@code ConcurrentModificationException} in XStream). The job
 * has a long history first, so that every save has much to write: a download (28-job-download) whose
 * {@code round_metrics.jsonl} holds {@value #HISTORY} rounds in the shape of the live capture
 * 150-download-round_metrics.jsonl. Then each poll replays 140-monitor-poll-running-jsonl with the next round's
 * metrics, and the last one 22-job-monitor-jsonl.
 */
@WithJenkins
class ParallelFollowTest {

    private static final int BRANCHES = 8;
    private static final int POLLS = 25 * BRANCHES;
    /** Rounds the job had before the branches follow it: as many as the chart keeps. */
    private static final int HISTORY = RoundMetrics.MAX_ROUNDS;
    /** Metrics per round besides the round: as many as the chart keeps, so every save has much to write. */
    private static final int METRICS = 15;

    @TempDir
    Path tmp;

    private JenkinsRule j;
    private FlareFixture flare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        flare = FlareFixture.create(tmp);
    }

    @Test
    void eightBranchesFollowingAndSavingAtOnceAllSucceed() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "parallel");
        FilePath ws = j.jenkins.getWorkspaceFor(p);
        flare.fake.respond("download", FlareFixture.download(ws, "flare-results"));
        Files.writeString(
                Path.of(ws.getRemote(), "flare-results", FlareFixture.JOB_ID, "workspace/metrics/round_metrics.jsonl"),
                history());
        String running = new String(FlareFixture.runningPoll().stdout(), StandardCharsets.UTF_8);
        for (int round = HISTORY; round < HISTORY + POLLS; round++) {
            flare.fake.respond("monitor", Response.of(withRound(running, round), "", 3));
        }
        flare.fake.respond("monitor", Response.capture("22-job-monitor-jsonl"));
        p.setDefinition(new CpsFlowDefinition("""
                def branches = [:]
                for (int i = 0; i < %d; i++) {
                  def n = i
                  branches["b${n}"] = {
                    def r = flareWait jobId: '%s', credentialsId: 'flare-kit', interval: 1
                    echo "branch ${n}: ${r.outcome}"
                  }
                }
                node {
                  flareDownload jobId: '%s', credentialsId: 'flare-kit', archive: false
                  parallel branches
                }
                """.formatted(BRANCHES, FlareFixture.JOB_ID, FlareFixture.JOB_ID), true));

        WorkflowRun b = j.buildAndAssertSuccess(p);

        for (int n = 0; n < BRANCHES; n++) {
            j.assertLogContains("branch " + n + ": COMPLETED", b);
        }
        j.assertLogNotContains("ConcurrentModificationException", b);
        assertEquals(1, FlareFixture.jobs(b).size());
        JobRecord job = FlareFixture.job(b);
        assertEquals("FINISHED:COMPLETED", job.getStatus());
        assertEquals(HISTORY, job.getRounds().size(), "the chart keeps its most recent rounds");
        assertEquals(HISTORY + POLLS - 1, job.getRounds().lastKey(), "every round some branch saw is on the chart");
        assertEquals(POLLS, job.getRounds().firstKey(), "the oldest rounds made room");
        String buildXml = Files.readString(b.getRootDir().toPath().resolve("build.xml"));
        assertTrue(buildXml.contains("<int>" + (HISTORY + POLLS - 1) + "</int>"), "the last round was saved");
    }

    /** A {@code round_metrics.jsonl} of rounds 0 to {@value #HISTORY} - 1, each with {@value #METRICS} aggregated metrics. */
    private static String history() {
        StringBuilder lines = new StringBuilder();
        for (int round = 0; round < HISTORY; round++) {
            lines.append("{\"round\":").append(round).append(",\"aggregated_metrics\":[");
            for (int m = 0; m < METRICS; m++) {
                lines.append(m == 0 ? "" : ",")
                        .append("{\"name\":\"metric_")
                        .append(m)
                        .append("\",\"value\":")
                        .append(round + m / 100.0)
                        .append('}');
            }
            lines.append("],\"sites\":[],\"skipped_metrics\":[]}\n");
        }
        return lines.toString();
    }

    /** The poll's progress event with {@code round} and {@value #METRICS} metrics besides it. */
    private static String withRound(String pollLines, int round) {
        String first = pollLines.lines().findFirst().orElseThrow();
        StringBuilder metrics = new StringBuilder("\"round\": ").append(round);
        for (int m = 0; m < METRICS; m++) {
            metrics.append(", \"metric_").append(m).append("\": ").append(round + m / 100.0);
        }
        return pollLines.replace(first, first.substring(0, first.length() - 1) + ", \"metrics\": {" + metrics + "}}");
    }
}
