package io.jenkins.plugins.nvflare.steps.follow;

import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.agent.JobReport;
import io.jenkins.plugins.nvflare.agent.PollAnswer;
import io.jenkins.plugins.nvflare.agent.Progress;
import io.jenkins.plugins.nvflare.agent.ProgressLog;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.cli.TerminalTexts;
import java.io.PrintStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * The console side of following a job: prints what each poll's events say that is new ({@link ProgressLog}), and keeps
 * the last status, name and metrics seen for the outcome. Saved with the step, so a restarted controller does not
 * repeat a line.
 */
final class ProgressPrinter implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ProgressLog console = new ProgressLog();
    private String lastStatus;
    private String jobName;
    private LinkedHashMap<String, Object> lastMetrics = new LinkedHashMap<>();

    /** FLARE's last status seen, or null. */
    String lastStatus() {
        return lastStatus;
    }

    void show(PollAnswer answer, PrintStream log, long now) {
        for (Progress event : answer.events()) {
            console.lines(event, now).forEach(log::println);
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
