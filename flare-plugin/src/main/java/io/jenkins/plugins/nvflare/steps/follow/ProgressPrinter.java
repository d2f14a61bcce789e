package io.jenkins.plugins.nvflare.steps.follow;

import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.agent.JobReport;
import io.jenkins.plugins.nvflare.agent.PollAnswer;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.cli.TerminalTexts;
import java.io.PrintStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * The console side of following a job: prints each poll's events that say something new (an unchanged state again
 * only after {@link #HEARTBEAT_MILLIS}), and keeps the last status, name and metrics seen for the outcome. Saved with
 * the step, so a restarted controller does not repeat a line.
 */
final class ProgressPrinter implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** An unchanged progress line is shown again at most this often. */
    static final long HEARTBEAT_MILLIS = 60_000;

    private String lastKey;
    private long lastShown;
    private String lastStatus;
    private String jobName;
    private LinkedHashMap<String, Object> lastMetrics = new LinkedHashMap<>();

    /** FLARE's last status seen, or null. */
    String lastStatus() {
        return lastStatus;
    }

    void show(PollAnswer answer, PrintStream log, long now) {
        for (PollAnswer.Line line : answer.lines()) {
            if (line.pollTimeout()) {
                continue;
            }
            if (!line.key().equals(lastKey) || now - lastShown >= HEARTBEAT_MILLIS) {
                log.println(line.text());
                lastKey = line.key();
                lastShown = now;
            }
        }
        log.flush();
        JobReport report = answer.report();
        if (!report.metrics().isEmpty()) {
            lastMetrics = new LinkedHashMap<>(report.metrics());
        }
        if (report.jobStatus() != null) {
            lastStatus = report.jobStatus();
        }
        if (report.jobName() != null) {
            jobName = report.jobName();
        }
    }

    /** FLARE's last poll of a finished job has no running statistics: the outcome keeps the last metrics seen. */
    JobReport withLastMetrics(JobReport r) {
        if (!r.metrics().isEmpty() || lastMetrics.isEmpty()) {
            return r;
        }
        return new JobReport(
                r.jobId(),
                r.jobName(),
                r.study(),
                r.jobStatus(),
                r.outcome(),
                r.durationSeconds(),
                lastMetrics,
                r.errorCode(),
                r.message(),
                r.hint());
    }

    /** The step's timeout passed: the CLI's monitor timeout outcome, for {@code elapsedMillis} since the step started. */
    JobReport timedOut(String jobId, String study, long elapsedMillis) {
        return new JobReport(
                jobId,
                jobName,
                study,
                lastStatus,
                JobOutcome.TIMEOUT,
                elapsedMillis / 1000.0,
                new LinkedHashMap<>(lastMetrics),
                ErrorCodes.TIMEOUT,
                TerminalTexts.message(ErrorCodes.TIMEOUT, jobId),
                Messages.ProgressPrinter_timeoutHint());
    }
}
