package io.jenkins.plugins.nvflare.client.f3.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.Metrics;
import io.jenkins.plugins.nvflare.client.MonitorEvent;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.testing.CliCaptures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeClock;
import io.jenkins.plugins.nvflare.client.f3.testing.ScriptedHci;
import io.jenkins.plugins.nvflare.client.f3.testing.ServerReplies;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * wait and monitor polling get_job_meta over a scripted session (replies as job_cmds.py:546-563 builds
 * them) with a fake clock: the results and the monitor events are compared with what the CLI transport
 * returns for the real captures of the same jobs.
 */
class F3JobWaiterTest {
    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    private static final String LONG_JOB = "3a753c6b-0b55-4a6e-97e9-a87b92e05356";
    /** A time.time() of the capture day (stats are refreshed when 10 s have passed since time 0). */
    private static final double NOW = 1_795_562_340.0;

    @TempDir
    Path tmp;

    private final ScriptedHci hci = new ScriptedHci();

    /** The completed job of 26-job-meta as the server showed it while it was running (as 22's progress events show). */
    private static Map<String, Object> running(String capture) {
        Map<String, Object> meta = new LinkedHashMap<>(CliCaptures.dataMap(capture));
        meta.put("status", "RUNNING");
        meta.put("duration", "N/A");
        return meta;
    }

    private static Map<String, Object> withStatus(String capture, String status) {
        Map<String, Object> meta = new LinkedHashMap<>(CliCaptures.dataMap(capture));
        meta.put("status", status);
        return meta;
    }

    private static double epoch(String iso) {
        OffsetDateTime t = OffsetDateTime.parse(iso);
        return t.toEpochSecond() + t.getNano() / 1e9;
    }

    // ---- wait

    @Test
    void waitForACompletedJobIsTheCliResult() throws Exception {
        hci.on(
                "get_job_meta " + JOB,
                ServerReplies.jobMeta(running("26-job-meta")),
                ServerReplies.jobMeta(CliCaptures.dataMap("26-job-meta")));
        FakeClock clock = new FakeClock(1_795_562_340.0);
        JobResult expected = CliCaptures.client(tmp, "25-job-wait").waitForJob(JOB, WaitOptions.defaults(null));
        JobResult actual = new JobWaiter(hci, clock).waitForJob(JOB, WaitOptions.defaults(null));
        assertEquals(expected, actual);
        assertEquals(JobOutcome.COMPLETED, actual.outcome());
        assertEquals(List.of("get_job_meta " + JOB, "get_job_meta " + JOB), hci.sent());
        assertEquals(List.of(2.0), clock.sleeps());
    }

    @Test
    void waitForAnAbortedJobIsTheCliOutcome() throws Exception {
        hci.on("get_job_meta " + LONG_JOB, ServerReplies.jobMeta(CliCaptures.dataMap("44-meta-aborted")));
        JobResult expected =
                CliCaptures.client(tmp, "45-wait-aborted").waitForJob(LONG_JOB, WaitOptions.defaults(null));
        JobResult actual = new JobWaiter(hci, new FakeClock(0)).waitForJob(LONG_JOB, WaitOptions.defaults(null));
        assertEquals(expected, actual);
        assertEquals(JobOutcome.ABORTED, actual.outcome());
        assertEquals(ErrorCodes.JOB_ABORTED, actual.errorCode());
    }

    @ParameterizedTest
    @CsvSource({
        "FINISHED:EXECUTION_EXCEPTION,FAILED,JOB_FINISHED_EXCEPTION,reached terminal state FINISHED_EXCEPTION.",
        "FINISHED:FAILED_TO_RUN,FAILED,JOB_FAILED,reached terminal state FAILED.",
        "FINISHED:ABANDONED,ABANDONED,JOB_ABANDONED,was abandoned."
    })
    void unsuccessfulEndsAreOutcomesWithTheCliTexts(String status, JobOutcome outcome, String code, String text)
            throws Exception {
        hci.on("get_job_meta " + JOB, ServerReplies.jobMeta(withStatus("26-job-meta", status)));
        JobResult r = new JobWaiter(hci, new FakeClock(0)).waitForJob(JOB, WaitOptions.defaults(null));
        assertEquals(outcome, r.outcome());
        assertEquals(status, r.jobStatus());
        assertEquals(code, r.errorCode());
        assertEquals("Job '" + JOB + "' " + text, r.message());
        assertTrue(r.hint().startsWith("Use 'nvflare job"), r.hint());
        assertEquals(16.0, r.durationSeconds());
        assertEquals("hello-numpy", r.jobName());
    }

    @Test
    void waitTimesOutAfterTheTimeout() throws Exception {
        hci.on("get_job_meta " + JOB, ServerReplies.jobMeta(running("26-job-meta")));
        FakeClock clock = new FakeClock(1000);
        JobResult r = new JobWaiter(hci, clock).waitForJob(JOB, new WaitOptions(null, 5, 2, List.of()));
        // flare_api checks "0 < timeout < elapsed" before each poll: polls at 0, 2, 4; at 6 it gives up.
        assertEquals(3, hci.sent().size());
        assertEquals(JobOutcome.TIMEOUT, r.outcome());
        assertEquals(ErrorCodes.TIMEOUT, r.errorCode());
        assertEquals("Operation timed out. \u2014 job " + JOB + " did not finish within 5.0s", r.message());
        assertEquals("Increase --timeout or check server load.", r.hint());
        assertNull(r.jobStatus());
    }

    @Test
    void waitForAnUnknownJobThrowsJobNotFound() {
        hci.on("get_job_meta " + JOB, ServerReplies.noSuchJob(JOB));
        FlareException e = assertThrows(
                FlareException.class,
                () -> new JobWaiter(hci, new FakeClock(0)).waitForJob(JOB, WaitOptions.defaults("cancer")));
        assertEquals(ErrorCodes.JOB_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().endsWith("searched study 'cancer'"), e.getMessage());
    }

    @Test
    void authenticationErrorWhileWaitingIsAuthFailed() {
        hci.on(
                "get_job_meta " + JOB,
                ServerReplies.buffer()
                        .error("session expired", ServerReplies.makeMeta("not_authenticated", "session expired", null))
                        .reply());
        FlareException e = assertThrows(
                FlareException.class,
                () -> new JobWaiter(hci, new FakeClock(0)).waitForJob(JOB, WaitOptions.defaults(null)));
        assertEquals(ErrorCodes.AUTH_FAILED, e.errorCode());
        assertEquals("Authentication failed. \u2014 user not authenticated: session expired", e.getMessage());
        assertEquals("Check startup kit credentials.", e.hint());
    }

    // ---- monitor

    @Test
    void monitorDeliversTheCliEventsOneByOne() throws Exception {
        // 22: progress at elapsed 3.5, 9.5, 15.5 (RUNNING, emitted every >= 5 s), 17.5 (COMPLETED), then terminal.
        // Polled every 2 s from 3.5 s after the job's start_time, the same events come out.
        Map<String, Object> done = CliCaptures.dataMap("26-job-meta");
        HciReply run = ServerReplies.jobMeta(running("26-job-meta"));
        hci.on("get_job_meta " + JOB, run, run, run, run, run, run, run, ServerReplies.jobMeta(done));
        @SuppressWarnings("unchecked")
        Map<String, Object> serverStats = (Map<String, Object>) ((Map<String, Object>)
                        CliCaptures.dataMap("23-job-stats-running").get("stats"))
                .get("server");
        hci.on("show_stats " + JOB + " server", ServerReplies.stats(Map.of("server", serverStats)));
        FakeClock clock = new FakeClock(epoch((String) done.get("start_time")) + 3.5);

        List<MonitorEvent> expectedEvents = new ArrayList<>();
        JobResult expected = CliCaptures.client(tmp, "22-job-monitor-jsonl")
                .monitor(JOB, WaitOptions.defaults(null), expectedEvents::add);
        List<MonitorEvent> events = new ArrayList<>();
        List<Integer> commandsAtEvent = new ArrayList<>();
        JobResult actual = new JobWaiter(hci, clock).monitor(JOB, WaitOptions.defaults(null), e -> {
            events.add(e);
            commandsAtEvent.add(hci.sent().size());
        });

        assertEquals(5, expectedEvents.size());
        assertEquals(expectedEvents, events);
        assertEquals(expected, actual);
        // Each event was delivered right after the poll that produced it, not at the end.
        assertEquals(List.of(2, 5, 9, 10, 10), commandsAtEvent);
        // Stats are refreshed while running, at most every 10 s (job_cli.py:2704-2706).
        assertEquals(2, Collections.frequency(hci.sent(), "show_stats " + JOB + " server"));
    }

    @Test
    void monitorOfAnAbortedJobIsTheCliOutcome() throws Exception {
        Map<String, Object> aborted = CliCaptures.dataMap("44-meta-aborted");
        hci.on("get_job_meta " + LONG_JOB, ServerReplies.jobMeta(aborted));
        FakeClock clock = new FakeClock(epoch((String) aborted.get("start_time")) + 27.5);
        List<MonitorEvent> expectedEvents = new ArrayList<>();
        JobResult expected = CliCaptures.client(tmp, "46-monitor-aborted-jsonl")
                .monitor(LONG_JOB, WaitOptions.defaults(null), expectedEvents::add);
        List<MonitorEvent> events = new ArrayList<>();
        JobResult actual = new JobWaiter(hci, clock).monitor(LONG_JOB, WaitOptions.defaults(null), events::add);
        assertEquals(expectedEvents, events);
        assertEquals(expected, actual);
        assertEquals(JobOutcome.ABORTED, actual.outcome());
        assertEquals(List.of("get_job_meta " + LONG_JOB), hci.sent());
    }

    @Test
    void monitorTimeoutEndsWithATimeoutEventCarryingTheMetrics() throws Exception {
        Map<String, Object> meta = running("26-job-meta");
        hci.on("get_job_meta " + JOB, ServerReplies.jobMeta(meta));
        hci.on(
                "show_stats " + JOB + " server",
                ServerReplies.stats(Map.of("server", Map.of("FedAvg", Map.of("current_round", 2, "val_f1", 0.75)))));
        FakeClock clock = new FakeClock(epoch((String) meta.get("start_time")) + 1);
        List<MonitorEvent> events = new ArrayList<>();
        JobResult r =
                new JobWaiter(hci, clock).monitor(JOB, new WaitOptions(null, 7, 2, List.of("val_f1")), events::add);

        Metrics metrics = new Metrics(Map.of("round", 2, "val_f1", 0.75));
        MonitorEvent last = events.get(events.size() - 1);
        assertEquals("terminal", last.event());
        assertEquals("TIMEOUT", last.status());
        assertEquals("RUNNING", last.jobStatus());
        assertEquals(9.0, last.elapsedSeconds()); // 8 s of polling, 1 s after the job started
        assertEquals(metrics, last.metrics());
        assertEquals(
                List.of("progress", "progress", "terminal"),
                events.stream().map(MonitorEvent::event).toList());
        assertEquals(metrics, events.get(0).metrics());
        assertEquals(JobOutcome.TIMEOUT, r.outcome());
        assertEquals(ErrorCodes.TIMEOUT, r.errorCode());
        assertEquals(metrics, r.metrics());
        assertEquals("hello-numpy", r.jobName());
    }

    @Test
    void monitorOfAnUnknownJobThrowsJobNotFound() {
        hci.on("get_job_meta " + JOB, ServerReplies.noSuchJob(JOB));
        List<MonitorEvent> events = new ArrayList<>();
        FlareException e = assertThrows(
                FlareException.class,
                () -> new JobWaiter(hci, new FakeClock(0)).monitor(JOB, WaitOptions.defaults(null), events::add));
        assertEquals(ErrorCodes.JOB_NOT_FOUND, e.errorCode());
        assertEquals(List.of(), events);
    }

    @Test
    void failingStatsOnlyClearTheMetrics() throws Exception {
        hci.on(
                "get_job_meta " + JOB,
                ServerReplies.jobMeta(running("26-job-meta")),
                ServerReplies.jobMeta(CliCaptures.dataMap("26-job-meta")));
        hci.on("show_stats " + JOB + " server", ServerReplies.jobNotRunning(JOB));
        JobResult r = new JobWaiter(hci, new FakeClock(NOW)).monitor(JOB, WaitOptions.defaults(null), e -> {});
        assertEquals(JobOutcome.COMPLETED, r.outcome());
        assertEquals(Metrics.NONE, r.metrics());
        assertTrue(
                hci.sent().contains("show_stats " + JOB + " server"), hci.sent().toString());
    }

    @Test
    void interruptFromTheListenerStopsBeforeTheNextPoll() {
        hci.on("get_job_meta " + JOB, ServerReplies.jobMeta(running("26-job-meta")));
        hci.on("show_stats " + JOB + " server", ServerReplies.stats(Map.of()));
        try {
            assertThrows(
                    InterruptedException.class,
                    () -> new JobWaiter(hci, new FakeClock(NOW))
                            .monitor(
                                    JOB,
                                    WaitOptions.defaults(null),
                                    e -> Thread.currentThread().interrupt()));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of("get_job_meta " + JOB, "show_stats " + JOB + " server"), hci.sent());
    }

    @Test
    void interruptingTheMonitoringThreadEndsItPromptly() throws Exception {
        hci.on("get_job_meta " + JOB, ServerReplies.jobMeta(running("26-job-meta")));
        hci.on("show_stats " + JOB + " server", ServerReplies.stats(Map.of()));
        CountDownLatch firstEvent = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                new JobWaiter(hci, PollClock.SYSTEM)
                        .monitor(JOB, new WaitOptions(null, 0, 30, List.of()), e -> firstEvent.countDown());
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        assertTrue(firstEvent.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        t.interrupt();
        t.join(5000);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "monitor did not stop promptly");
        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
        assertEquals(1, Collections.frequency(hci.sent(), "get_job_meta " + JOB));
    }
}
