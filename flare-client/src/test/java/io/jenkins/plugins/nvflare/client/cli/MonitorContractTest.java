package io.jenkins.plugins.nvflare.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.MonitorEvent;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code job monitor --format jsonl}: live delivery, outcomes, errors and cancellation, replaying the captures named in each test. */
class MonitorContractTest {

    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";
    private static final String LONG_JOB = "3a753c6b-0b55-4a6e-97e9-a87b92e05356";

    @TempDir
    Path tmp;

    private FakeNvflare fake;
    private Path kit;
    private CliFlareClient client;

    @BeforeEach
    void setUp() throws IOException {
        fake = FakeNvflare.install(tmp.resolve("bin"));
        kit = tmp.resolve("kit");
        client = new CliFlareClient(
                CliConfig.defaults().withExecutable(fake.executable().toString()), kit);
    }

    private static List<String> captureLines(String name) {
        return new String(FakeNvflare.resource(name + ".stdout"), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }

    /**
     * One poll of a running job, as the plugin's durable wait makes it: {@code --timeout 1 --interval 1}, replaying the
     * live capture 140-monitor-poll-running-jsonl (one progress event, the monitor's own timeout event, exit 3). The
     * timeout is an outcome, not an error, and keeps the job's status.
     */
    @Test
    void aOneSecondMonitorOfARunningJobIsATimeoutOutcomeWithTheJobsStatus() throws Exception {
        String job = "25df360b-ce80-4552-82f9-805c443dfcd9";
        fake.replay("140-monitor-poll-running-jsonl");
        List<MonitorEvent> events = new ArrayList<>();
        JobResult result = client.monitor(job, new WaitOptions(null, 1, 1, List.of()), events::add);
        assertEquals(
                List.of("--timeout", "1", "--interval", "1"),
                fake.lastCall()
                        .subList(
                                fake.lastCall().indexOf("--timeout"),
                                fake.lastCall().indexOf("--interval") + 2));
        assertEquals(2, events.size());
        assertEquals("RUNNING", events.get(0).status());
        assertFalse(events.get(0).terminal());
        assertTrue(events.get(1).terminal());
        assertEquals(JobOutcome.TIMEOUT, result.outcome());
        assertEquals("RUNNING", result.jobStatus());
        assertEquals("hello-numpy-long", result.jobName());
        assertEquals(ErrorCodes.TIMEOUT, result.errorCode());
    }

    @Test
    void completedJobEventsArriveWhileTheCliIsStillRunning() throws Exception {
        // Replays 22-job-monitor-jsonl line by line, 300 ms apart.
        fake.respond("monitor", Response.capture("22-job-monitor-jsonl").streamed(Duration.ofMillis(300)));
        List<MonitorEvent> events = Collections.synchronizedList(new ArrayList<>());
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        JobResult result = client.monitor(JOB, new WaitOptions(null, 3600, 5, List.of("val_f1")), e -> {
            events.add(e);
            arrivals.add((System.nanoTime() - start) / 1_000_000);
        });
        assertEquals(5, events.size());
        // The first event must not wait for the other four lines (4 x 300 ms) or the exit.
        assertTrue(arrivals.get(4) - arrivals.get(0) >= 900, "arrivals " + arrivals);

        MonitorEvent first = events.get(0);
        assertEquals("progress", first.event());
        assertEquals(JOB, first.jobId());
        assertEquals("RUNNING", first.status());
        assertEquals("RUNNING", first.jobStatus());
        assertFalse(first.terminal());
        assertEquals(3.5, first.elapsedSeconds());
        assertNull(first.durationSeconds());
        assertEquals("hello-numpy", first.jobName());
        assertTrue(first.metrics().isEmpty());
        assertTrue(first.outcome().isEmpty());

        MonitorEvent last = events.get(4);
        assertTrue(last.terminal());
        assertEquals(16.0, last.durationSeconds());

        assertEquals(JobOutcome.COMPLETED, result.outcome());
        assertEquals("FINISHED:COMPLETED", result.jobStatus());
        assertEquals(16.0, result.durationSeconds());
        assertNull(result.errorCode());
        assertEquals(
                List.of(
                        "job",
                        "monitor",
                        JOB,
                        "--timeout",
                        "3600",
                        "--interval",
                        "5",
                        "--metric",
                        "val_f1",
                        "--startup-kit",
                        kit.toAbsolutePath().toString(),
                        "--format",
                        "jsonl"),
                fake.lastCall());
    }

    @Test
    void abortedJobIsAnOutcomeWithFlaresTexts() throws Exception {
        // Replays 46-monitor-aborted-jsonl (terminal event with error_code JOB_ABORTED, exit 1).
        fake.replay("46-monitor-aborted-jsonl");
        List<MonitorEvent> events = new ArrayList<>();
        JobResult result = client.monitor(LONG_JOB, WaitOptions.defaults("default"), events::add);
        assertEquals(2, events.size());
        assertEquals("ABORTED", events.get(0).status());
        assertFalse(events.get(0).terminal());
        assertEquals(ErrorCodes.JOB_ABORTED, events.get(1).errorCode());
        assertEquals(JobOutcome.ABORTED, result.outcome());
        assertEquals("FINISHED:ABORTED", result.jobStatus());
        assertEquals(18.8, result.durationSeconds());
        assertEquals(ErrorCodes.JOB_ABORTED, result.errorCode());
        assertEquals("Job '" + LONG_JOB + "' was aborted.", result.message());
        assertEquals("Use 'nvflare job meta <job_id>' to see abort details.", result.hint());
        assertEquals(
                List.of(
                        "job",
                        "monitor",
                        LONG_JOB,
                        "--timeout",
                        "0",
                        "--interval",
                        "2",
                        "--study",
                        "default",
                        "--startup-kit",
                        kit.toAbsolutePath().toString(),
                        "--format",
                        "jsonl"),
                fake.lastCall());
    }

    @Test
    void connectionFailureIsThrown() {
        // Replays 104-down-monitor-jsonl (an error envelope as the only, terminal, line; exit 2).
        fake.replay("104-down-monitor-jsonl");
        List<MonitorEvent> events = new ArrayList<>();
        FlareException e =
                assertThrows(FlareException.class, () -> client.monitor(JOB, WaitOptions.defaults(null), events::add));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertEquals(2, e.exitCode());
        assertEquals("Check server status with 'nvflare system status'.", e.hint());
        assertTrue(events.isEmpty(), "an error is not a progress event");
    }

    @Test
    void unknownJobIsThrown() {
        // Replays 51-unknown-id-meta-json's envelope as a jsonl error line (what output_error prints in jsonl mode).
        String line =
                new String(FakeNvflare.resource("51-unknown-id-meta-json.stdout"), StandardCharsets.UTF_8).strip();
        line = line.substring(0, line.length() - 1) + ", \"event\": \"terminal\", \"terminal\": true}";
        fake.respond("monitor", Response.lines(List.of(line), Duration.ZERO, 1));
        FlareException e =
                assertThrows(FlareException.class, () -> client.monitor(JOB, WaitOptions.defaults(null), ev -> {}));
        assertEquals(ErrorCodes.JOB_NOT_FOUND, e.errorCode());
    }

    @Test
    void theResultKeepsTheLastMetricsWhenTheTerminalEventHasNone() throws Exception {
        // 22-job-monitor-jsonl with metrics added to its second progress event; its terminal event has "metrics": null.
        List<String> lines = new ArrayList<>(captureLines("22-job-monitor-jsonl"));
        lines.set(
                1,
                lines.get(1).replace("\"job_meta\"", "\"metrics\": {\"round\": 1, \"accuracy\": 0.8}, \"job_meta\""));
        lines.set(
                2,
                lines.get(2).replace("\"job_meta\"", "\"metrics\": {\"round\": 2, \"accuracy\": 0.9}, \"job_meta\""));
        assertTrue(lines.get(lines.size() - 1).contains("\"metrics\": null"));
        fake.respond("monitor", Response.lines(lines, Duration.ZERO, 0));
        JobResult result = client.monitor(JOB, WaitOptions.defaults(null), e -> {});
        assertEquals(JobOutcome.COMPLETED, result.outcome());
        assertEquals(Map.of("round", 2, "accuracy", 0.9), result.metrics().values());
    }

    @Test
    void monitorTimeoutIsAnOutcomeWithMetrics() throws Exception {
        // No capture of a monitor timeout: lines built from 22-job-monitor-jsonl with metrics, and the timeout
        // event of job_cli.py's _build_monitor_timeout_event (status TIMEOUT, exit 3).
        String progress = captureLines("22-job-monitor-jsonl")
                .get(1)
                .replace(
                        "\"job_meta\"",
                        "\"metrics\": {\"round\": 2, \"accuracy\": 0.9132, \"loss\": 0.12, \"val_f1\": 0.5}, \"job_meta\"");
        String timeout = "{\"schema_version\": \"1\", \"event\": \"terminal\", \"job_id\": \"" + JOB
                + "\", \"status\": \"TIMEOUT\", "
                + "\"terminal\": true, \"timeout_seconds\": 10, \"elapsed_s\": 10.5, \"job_status\": \"RUNNING\", "
                + "\"job_meta\": {\"job_name\": \"hello-numpy\", \"status\": \"RUNNING\", \"study\": \"default\"}, "
                + "\"metrics\": {\"round\": 2, \"accuracy\": 0.9132, \"loss\": 0.12, \"val_f1\": 0.5}}";
        fake.respond("monitor", Response.lines(List.of(progress, timeout), Duration.ZERO, 3));
        List<MonitorEvent> events = new ArrayList<>();
        JobResult result = client.monitor(JOB, new WaitOptions(null, 10, 1, List.of("val_f1")), events::add);
        assertEquals(
                Map.of("round", 2, "accuracy", 0.9132, "loss", 0.12, "val_f1", 0.5),
                events.get(0).metrics().values());
        assertEquals(2, events.get(0).metrics().round());
        assertEquals(Map.of("val_f1", 0.5), events.get(0).metrics().extra());
        assertEquals(JobOutcome.TIMEOUT, result.outcome());
        assertEquals("RUNNING", result.jobStatus());
        assertEquals(10.5, result.durationSeconds());
        assertEquals(ErrorCodes.TIMEOUT, result.errorCode());
        assertEquals(0.9132, result.metrics().accuracy());
        assertFalse(result.isSuccess());
    }

    @Test
    void failedAndAbandonedOutcomes() throws Exception {
        // Terminal lines built from 46-monitor-aborted-jsonl with the other failure states job_cli.py emits.
        String aborted = captureLines("46-monitor-aborted-jsonl").get(1);
        String failed = aborted.replace("FINISHED:ABORTED", "FINISHED:EXECUTION_EXCEPTION")
                .replace("\"ABORTED\"", "\"FAILED\"")
                .replace("JOB_ABORTED", "JOB_FINISHED_EXCEPTION");
        String abandoned = aborted.replace("FINISHED:ABORTED", "FINISHED:ABANDONED")
                .replace("\"ABORTED\"", "\"ABANDONED\"")
                .replace("JOB_ABORTED", "JOB_ABANDONED");
        // FAILED_TO_RUN is not normalised by the CLI: status stays "FINISHED:FAILED_TO_RUN", error JOB_FAILED.
        String failedToRun = aborted.replace("FINISHED:ABORTED", "FINISHED:FAILED_TO_RUN")
                .replace("\"ABORTED\"", "\"FINISHED:FAILED_TO_RUN\"")
                .replace("JOB_ABORTED", "JOB_FAILED");
        fake.respond("monitor", Response.lines(List.of(failed), Duration.ZERO, 1))
                .respond("monitor", Response.lines(List.of(abandoned), Duration.ZERO, 1))
                .respond("monitor", Response.lines(List.of(failedToRun), Duration.ZERO, 1));
        JobResult f = client.monitor(LONG_JOB, WaitOptions.defaults(null), e -> {});
        assertEquals(JobOutcome.FAILED, f.outcome());
        assertEquals("Job '" + LONG_JOB + "' reached terminal state FINISHED_EXCEPTION.", f.message());
        JobResult a = client.monitor(LONG_JOB, WaitOptions.defaults(null), e -> {});
        assertEquals(JobOutcome.ABANDONED, a.outcome());
        assertEquals(ErrorCodes.JOB_ABANDONED, a.errorCode());
        JobResult r = client.monitor(LONG_JOB, WaitOptions.defaults(null), e -> {});
        assertEquals(JobOutcome.FAILED, r.outcome());
        assertEquals("FINISHED:FAILED_TO_RUN", r.jobStatus());
        assertEquals("Job '" + LONG_JOB + "' reached terminal state FAILED.", r.message());
    }

    @Test
    void streamThatDiesWithoutTerminalEventIsInvalid() {
        // First line of 22-job-monitor-jsonl, then a crash with a traceback on stderr.
        fake.respond(
                "monitor",
                new Response(
                        (captureLines("22-job-monitor-jsonl").get(0) + "\n").getBytes(StandardCharsets.UTF_8),
                        "Traceback (most recent call last):\nKeyError: 'status'\n".getBytes(StandardCharsets.UTF_8),
                        5,
                        FakeNvflare.Mode.LINES,
                        null,
                        null,
                        null,
                        false));
        List<MonitorEvent> events = new ArrayList<>();
        FlareException e =
                assertThrows(FlareException.class, () -> client.monitor(JOB, WaitOptions.defaults(null), events::add));
        assertEquals(ErrorCodes.CLI_OUTPUT_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("without a terminal event (exit code 5)"), e.getMessage());
        assertTrue(e.getMessage().contains("KeyError: 'status'"), e.getMessage());
        assertEquals(1, events.size(), "the progress event before the crash was delivered");
    }

    @Test
    void nonJsonLineIsInvalid() {
        fake.respond("monitor", Response.lines(List.of("Connecting to FLARE ..."), Duration.ZERO, 0));
        FlareException e =
                assertThrows(FlareException.class, () -> client.monitor(JOB, WaitOptions.defaults(null), ev -> {}));
        assertEquals(ErrorCodes.CLI_OUTPUT_INVALID, e.errorCode());
    }

    @Test
    void interruptStopsMonitoringPromptlyAndKillsTheChild() throws Exception {
        // The first two lines of 22-job-monitor-jsonl, then the CLI keeps polling (hangs).
        fake.respond(
                "monitor",
                Response.lines(captureLines("22-job-monitor-jsonl").subList(0, 2), Duration.ZERO, 0)
                        .thenHang());
        List<MonitorEvent> events = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread monitoring = new Thread(() -> {
            try {
                client.monitor(JOB, WaitOptions.defaults(null), events::add);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        monitoring.start();
        long until = System.nanoTime() + 5_000_000_000L;
        while ((events.size() < 2 || fake.calls().isEmpty() || fake.childPids(0).isEmpty())
                && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(2, events.size());
        long start = System.nanoTime();
        monitoring.interrupt();
        monitoring.join(5000);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertFalse(monitoring.isAlive());
        assertTrue(tookMs < 2000, "took " + tookMs + " ms");
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        List<Long> pids = new ArrayList<>(fake.childPids(0));
        pids.add(fake.pid(0));
        for (long pid : pids) {
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(
                    ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " still alive");
        }
    }

    @Test
    void hangingMonitorIsKilledAtTheDeadline() throws Exception {
        // The first line of 22-job-monitor-jsonl, then silence; timeout 1 s + command deadline 500 ms.
        fake.respond(
                "monitor",
                Response.lines(captureLines("22-job-monitor-jsonl").subList(0, 1), Duration.ZERO, 0)
                        .thenHang());
        CliFlareClient strict = new CliFlareClient(
                CliConfig.defaults()
                        .withExecutable(fake.executable().toString())
                        .withCommandDeadline(Duration.ofMillis(500)),
                kit);
        FlareException e = assertThrows(
                FlareException.class, () -> strict.monitor(JOB, new WaitOptions(null, 1, 1, List.of()), ev -> {}));
        assertEquals(ErrorCodes.CLI_DEADLINE_EXCEEDED, e.errorCode());
    }

    @Test
    void thousandEventsEachReachTheListenerBeforeTheNextLineIsWritten() throws Exception {
        // 999 progress lines shaped like 22-job-monitor-jsonl line 1 plus its terminal line. After writing line i
        // the fake waits for ack file i, which only the listener creates: an implementation that buffers lines
        // (or reads them only at exit) never acknowledges, and the fake gives up after 3 s per line (exit 98).
        List<String> capture = captureLines("22-job-monitor-jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            lines.add(capture.get(0).replace("\"elapsed_s\": 3.5", "\"elapsed_s\": " + i));
        }
        lines.add(capture.get(4));
        Path acks = Files.createDirectories(tmp.resolve("acks"));
        fake.respond("monitor", Response.lines(lines, Duration.ZERO, 0).acknowledged(acks, Duration.ofSeconds(3)));
        List<MonitorEvent> events = new ArrayList<>();
        JobResult result = client.monitor(JOB, WaitOptions.defaults(null), event -> {
            int index = events.size();
            // The fake has written line `index` and is blocked until we acknowledge it: nothing more can be in flight.
            assertFalse(Files.exists(acks.resolve(Integer.toString(index))));
            events.add(event);
            try {
                Files.createFile(acks.resolve(Integer.toString(index)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(java.util.Optional.empty(), fake.ackTimeout());
        assertEquals(1000, events.size());
        for (int i = 0; i < 999; i++) {
            assertEquals((double) i, events.get(i).elapsedSeconds());
        }
        assertEquals(JobOutcome.COMPLETED, result.outcome());
    }
}
