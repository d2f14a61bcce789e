package io.jenkins.plugins.nvflare.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.Metrics;
import io.jenkins.plugins.nvflare.client.MonitorEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the console says while a job runs, for events shaped like 22-job-monitor-jsonl (three RUNNING progress events, a
 * COMPLETED one, the terminal one), 140-monitor-poll-running-jsonl (a progress event, then the poll's own TIMEOUT) and
 * metrics as FLARE's monitor surfaces them from job stats ({@code metrics}: round, accuracy, loss).
 */
class ProgressLogTest {

    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    private static final Map<String, Object> META = Map.of("job_name", "hello-numpy", "study", "default");
    private static final long MINUTE = 60_000;

    private static Progress event(String status, String jobStatus, boolean terminal, Map<String, Object> metrics) {
        return Progress.of(new MonitorEvent(
                terminal ? "terminal" : "progress",
                JOB,
                status,
                jobStatus,
                terminal,
                3.5,
                null,
                META,
                new Metrics(metrics),
                null));
    }

    private static Progress running() {
        return event("RUNNING", "RUNNING", false, Map.of());
    }

    @Test
    void aStateIsSaidOnceAndTheEndIsLeftToTheOutcomeLine() {
        ProgressLog log = new ProgressLog();
        assertEquals(List.of("[FLARE] Job e44ccf11 (hello-numpy): RUNNING"), log.lines(running(), 0));
        assertEquals(List.of(), log.lines(running(), 6_000));
        assertEquals(List.of(), log.lines(running(), 12_000));
        assertEquals(List.of(), log.lines(event("COMPLETED", "FINISHED:COMPLETED", false, Map.of()), 14_000));
        assertEquals(List.of(), log.lines(event("COMPLETED", "FINISHED:COMPLETED", true, Map.of()), 16_000));
        assertEquals("RUNNING", log.status());
    }

    @Test
    void aPollsOwnTimeoutSaysNothing() {
        ProgressLog log = new ProgressLog();
        log.lines(running(), 0);
        assertEquals(List.of(), log.lines(event("TIMEOUT", "RUNNING", true, Map.of()), 1_000));
    }

    @Test
    void anUnchangedStateIsSaidAgainAfterFiveMinutesWithHowLongItLasted() {
        ProgressLog log = new ProgressLog();
        log.lines(running(), 0);
        assertEquals(List.of(), log.lines(running(), 4 * MINUTE));
        assertEquals(
                List.of("[FLARE] Job e44ccf11 (hello-numpy): still RUNNING (5 min 0 sec)"),
                log.lines(running(), 5 * MINUTE));
        assertEquals(List.of(), log.lines(running(), 6 * MINUTE));
        assertEquals(
                List.of("[FLARE] Job e44ccf11 (hello-numpy): still RUNNING (10 min)"),
                log.lines(running(), 10 * MINUTE));
    }

    @Test
    void eachNewRoundsMetricsGetALine() {
        ProgressLog log = new ProgressLog();
        Map<String, Object> round1 = new LinkedHashMap<>();
        round1.put("round", 1);
        round1.put("accuracy", 0.5);
        round1.put("loss", 0.123456);
        Map<String, Object> round2 = new LinkedHashMap<>(round1);
        round2.put("round", 2);
        round2.put("accuracy", 0.75);
        assertEquals(
                List.of(
                        "[FLARE] Job e44ccf11 (hello-numpy): RUNNING",
                        "[FLARE] Job e44ccf11 (hello-numpy): round 1: accuracy 0.5, loss 0.1235"),
                log.lines(event("RUNNING", "RUNNING", false, round1), 0));
        assertEquals(List.of(), log.lines(event("RUNNING", "RUNNING", false, round1), 6_000));
        assertEquals(
                List.of("[FLARE] Job e44ccf11 (hello-numpy): round 2: accuracy 0.75, loss 0.1235"),
                log.lines(event("RUNNING", "RUNNING", false, round2), 12_000));
        assertEquals(
                List.of("[FLARE] Job e44ccf11 (hello-numpy): val_f1 0.9"),
                log.lines(event("RUNNING", "RUNNING", false, Map.of("val_f1", 0.9)), 18_000));
    }

    @Test
    void aLongTextFlareSentAsAMetricIsCut() {
        String line = new ProgressLog()
                .lines(event("RUNNING", "RUNNING", false, Map.of("phase", "x".repeat(10_000))), 0)
                .get(1);
        assertEquals("[FLARE] Job e44ccf11 (hello-numpy): phase " + "x".repeat(64) + "\u2026", line);
    }

    @Test
    void aJobWithoutANameIsNamedByItsId() {
        Progress p = Progress.of(new MonitorEvent(
                "progress", JOB, "SUBMITTED", "SUBMITTED", false, 1.0, null, Map.of(), Metrics.NONE, null));
        assertEquals(List.of("[FLARE] Job e44ccf11: SUBMITTED"), new ProgressLog().lines(p, 0));
    }

    @Test
    void anAbortedJobsEventsAreLeftToTheOutcomeLine() {
        // 46-monitor-aborted-jsonl's terminal event
        Progress aborted = Progress.of(new MonitorEvent(
                "terminal", JOB, "ABORTED", "FINISHED:ABORTED", true, null, 18.8, META, null, ErrorCodes.JOB_ABORTED));
        assertEquals(true, aborted.ended());
        assertEquals(List.of(), new ProgressLog().lines(aborted, 0));
    }
}
