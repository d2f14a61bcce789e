package io.jenkins.plugins.nvflare.client.f3.job;

import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.Metrics;
import io.jenkins.plugins.nvflare.client.MonitorEvent;
import io.jenkins.plugins.nvflare.client.MonitorListener;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.cli.MonitorEvents;
import io.jenkins.plugins.nvflare.client.cli.Results;
import io.jenkins.plugins.nvflare.client.cli.TerminalTexts;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors.Op;
import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException;
import io.jenkins.plugins.nvflare.client.f3.hci.HciCommands;
import io.jenkins.plugins.nvflare.client.f3.sfm.Interrupts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code nvflare job wait} and {@code nvflare job monitor --format jsonl} (job_cli.py cmd_job_wait :2961,
 * cmd_job_monitor :2806) on flare_api's polling loop (flare_api.py:1633-1675
 * {@code monitor_job_and_return_job_meta}): {@code get_job_meta} every interval until a terminal status
 * or the timeout. The CLI's output data and events are built as the CLI builds them and mapped by the
 * CLI transport's {@link Results} / {@link MonitorEvents}.
 */
public final class JobWaiter {
    private final JobCommands commands;
    private final PollClock clock;

    public JobWaiter(HciCommands hci, PollClock clock) {
        this.commands = new JobCommands(hci, clock);
        this.clock = clock;
    }

    public JobResult waitForJob(String jobId, WaitOptions options) throws FlareException, InterruptedException {
        String study = CliErrors.studyOrDefault(options.study());
        double start = clock.now();
        Map<String, Object> meta = null;
        try {
            while (true) {
                if (options.timeoutSeconds() > 0 && clock.now() - start > options.timeoutSeconds()) {
                    // JobTimeout(f"job {job_id} did not finish within {timeout}s") -> TIMEOUT, exit 3; `nvflare job
                    // wait --timeout` is a float (job_cli.py:3182), so a live 2.9 CLI prints "within 4.0s"
                    FlareException e = CliErrors.timeout(
                            "job " + jobId + " did not finish within " + options.timeoutSeconds() + ".0s");
                    return Results.waitOutcome(e, jobId);
                }
                meta = commands.jobMeta(jobId);
                String status = text(meta.get("status"));
                if (status == null || status.isEmpty()) {
                    throw new FlareApiException(FlareApiException.Kind.INTERNAL, "missing status in job " + jobId);
                }
                if (MonitorData.apiTerminal(status)) {
                    break;
                }
                clock.sleep(options.intervalSeconds());
            }
        } catch (FlareApiException e) {
            throw CliErrors.map(e, Op.WAIT, jobId, study);
        }
        Map<String, Object> finalMeta = new LinkedHashMap<>(meta);
        finalMeta.putIfAbsent("study", study);
        Map<String, Object> data =
                outputData(jobId, finalMeta, start, MonitorData.startTimestamp(finalMeta), null, null);
        String failure = MonitorData.failureCode(text(data.get("status")));
        if (failure != null) {
            return Results.waitOutcome(
                    new FlareException(
                            failure,
                            TerminalTexts.message(failure, jobId),
                            TerminalTexts.hint(failure),
                            ExitCodes.JOB_OR_SERVER_ERROR,
                            data),
                    jobId);
        }
        return Results.waited(JobOperations.tree(data));
    }

    public JobResult monitor(String jobId, WaitOptions options, MonitorListener listener)
            throws FlareException, InterruptedException {
        String study = CliErrors.studyOrDefault(options.study());
        Monitor m = new Monitor(jobId, options, listener);
        try {
            return m.run();
        } catch (FlareApiException e) {
            throw CliErrors.map(e, Op.MONITOR, jobId, study);
        }
    }

    /** One monitor run: the state of job_cli.py _make_monitor_state and the status callback (:2684-2717). */
    private final class Monitor {
        private final String jobId;
        private final WaitOptions options;
        private final MonitorListener listener;
        private final double emitInterval;
        private final double statsInterval;
        private final Map<String, List<String>> aliases;
        private double start;
        private Double startTs;
        private String lastStatus;
        private Map<String, Object> lastMeta;
        private double lastEmit;
        private Map<String, Object> lastStats;
        private Map<String, Object> lastStatsRaw;
        private double lastStatsTs;
        private Metrics lastMetrics;

        Monitor(String jobId, WaitOptions options, MonitorListener listener) {
            this.jobId = jobId;
            this.options = options;
            this.listener = listener;
            this.emitInterval = Math.max(options.intervalSeconds(), 5);
            this.statsInterval = Math.max(options.intervalSeconds(), 10);
            this.aliases = MonitorData.metricAliases(options.extraMetrics());
        }

        JobResult run() throws FlareApiException, FlareException, InterruptedException {
            start = clock.now();
            long timeout = options.timeoutSeconds();
            while (true) {
                if (timeout > 0 && clock.now() - start > timeout) {
                    return deliver(timeoutEvent(timeout));
                }
                Map<String, Object> meta = commands.jobMeta(jobId);
                if (!onStatus(meta)) {
                    break; // ENDED_BY_CB: the job reached a terminal state
                }
                String status = text(meta.get("status"));
                if (status == null || status.isEmpty()) {
                    throw new FlareApiException(FlareApiException.Kind.INTERNAL, "missing status in job " + jobId);
                }
                if (MonitorData.apiTerminal(status)) {
                    break;
                }
                clock.sleep(options.intervalSeconds());
            }
            Map<String, Object> data = outputData(jobId, lastMeta, start, startTs, lastStats, lastStatsRaw);
            data.put("stats_raw", lastStatsRaw);
            return deliver(terminalEvent(data, MonitorData.failureCode(text(data.get("status")))));
        }

        /** The status callback; false stops monitoring. */
        private boolean onStatus(Map<String, Object> meta) throws InterruptedException {
            lastMeta = meta;
            String status = statusOf(meta);
            double now = clock.now();
            if (startTs == null) {
                startTs = MonitorData.startTimestamp(meta);
            }
            if ((status.equals("RUNNING") || status.equals("DISPATCHED")) && now - lastStatsTs >= statsInterval) {
                refreshStats();
                lastStatsTs = now;
            }
            if (!status.equals(lastStatus) || now - lastEmit >= emitInterval) {
                emit(progressEvent(meta, status, now));
                lastStatus = status;
                lastEmit = now;
            }
            return !MonitorData.cliTerminal(status);
        }

        /** job_cli.py:2565 _refresh_monitor_stats: any failure just clears the stats. */
        private void refreshStats() throws InterruptedException {
            try {
                lastStatsRaw = commands.showStats(jobId, "server", null);
                lastStats = MonitorData.extractMetrics(lastStatsRaw, aliases);
            } catch (FlareApiException | FlareException | RuntimeException e) {
                lastStats = null;
                lastStatsRaw = null;
            }
            Interrupts.check(); // e.g. a failure swallowed above while the thread was being interrupted
        }

        /** job_cli.py:2616 _build_monitor_progress_event. */
        private Map<String, Object> progressEvent(Map<String, Object> meta, String status, double now) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "progress");
            event.put("job_id", jobId);
            event.put("status", MonitorData.normalizeStatus(status));
            event.put("job_status", status);
            event.put("terminal", false);
            event.put("elapsed_s", MonitorData.elapsed(now, start, startTs));
            event.put("job_meta", MonitorData.summary(meta));
            if (lastStats != null && !lastStats.isEmpty()) {
                event.put("metrics", lastStats);
            }
            return event;
        }

        /** job_cli.py:2662 _build_monitor_timeout_event. */
        private Map<String, Object> timeoutEvent(long timeout) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "terminal");
            event.put("job_id", jobId);
            event.put("status", "TIMEOUT");
            event.put("terminal", true);
            event.put("timeout_seconds", timeout);
            event.put("elapsed_s", MonitorData.elapsed(clock.now(), start, startTs));
            if (lastMeta != null && !lastMeta.isEmpty()) {
                event.put("job_status", statusOf(lastMeta));
                event.put("job_meta", MonitorData.summary(lastMeta));
            }
            if (lastStats != null && !lastStats.isEmpty()) {
                event.put("metrics", lastStats);
            }
            return event;
        }

        private void emit(Map<String, Object> line) {
            MonitorEvent event = MonitorEvents.event(JobOperations.tree(line));
            if (!event.metrics().isEmpty()) {
                lastMetrics = event.metrics();
            }
            listener.onEvent(event);
        }

        /** Delivers the terminal event and returns the result it describes, as CliFlareClient.monitor does. */
        private JobResult deliver(Map<String, Object> terminal) {
            MonitorEvent event = MonitorEvents.event(JobOperations.tree(terminal));
            listener.onEvent(event);
            return MonitorEvents.result(event, jobId, event.metrics().isEmpty() ? lastMetrics : event.metrics());
        }
    }

    /** job_cli.py:2643 _build_monitor_terminal_event. */
    private static Map<String, Object> terminalEvent(Map<String, Object> data, String errorCode) {
        String raw = data.get("status") == null ? "UNKNOWN" : text(data.get("status"));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "terminal");
        event.put("job_id", data.get("job_id"));
        event.put("status", MonitorData.normalizeStatus(raw));
        event.put("job_status", raw);
        event.put("terminal", true);
        event.put("duration_s", data.get("duration_s"));
        event.put("job_meta", data.get("job_meta"));
        event.put("metrics", data.get("last_stats"));
        if (data.containsKey("stats_raw")) {
            event.put("stats_raw", data.get("stats_raw"));
        }
        if (errorCode != null) {
            event.put("error_code", errorCode);
        }
        return event;
    }

    /** job_cli.py:2720 _build_monitor_output_data in json mode. */
    private Map<String, Object> outputData(
            String jobId,
            Map<String, Object> meta,
            double start,
            Double startTs,
            Map<String, Object> lastStats,
            Map<String, Object> lastStatsRaw) {
        Double metaDuration = MonitorData.durationSeconds(meta == null ? null : meta.get("duration"));
        double duration = metaDuration != null
                ? MonitorData.round1(metaDuration)
                : MonitorData.elapsed(clock.now(), start, startTs);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", jobId);
        data.put("status", meta == null ? "UNKNOWN" : statusOf(meta));
        data.put("duration_s", duration);
        data.put("job_meta", MonitorData.summary(meta));
        data.put("last_stats", lastStats);
        data.put("stats_raw", lastStatsRaw);
        return data;
    }

    private static String statusOf(Map<String, Object> meta) {
        Object status = meta == null ? null : meta.get("status");
        return status == null ? "UNKNOWN" : text(status);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
