package io.jenkins.plugins.nvflare.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.Metrics;
import io.jenkins.plugins.nvflare.client.MonitorEvent;

/**
 * Maps {@code job monitor --format jsonl} lines to {@link MonitorEvent}s and the terminal one to a {@link JobResult}.
 * Public so the native transport ({@code client.f3}) builds its events through the same code.
 */
public final class MonitorEvents {
    private MonitorEvents() {}

    public static MonitorEvent event(JsonNode line) {
        return new MonitorEvent(
                Json.text(line, "event"),
                Json.text(line, "job_id"),
                Json.text(line, "status"),
                Json.text(line, "job_status"),
                line.path("terminal").asBoolean(false),
                Json.number(line, "elapsed_s"),
                Json.number(line, "duration_s"),
                Json.map(line.get("job_meta")),
                Results.metrics(line.get("metrics")),
                Json.text(line, "error_code"));
    }

    /**
     * The result a terminal event describes (a job outcome, or the monitor's own timeout); its
     * metrics are the terminal event's, else the last ones a progress event carried.
     */
    public static JobResult result(MonitorEvent terminal, String requestedJobId, Metrics lastSeen) {
        JobOutcome outcome = terminal.outcome()
                .or(() -> TerminalTexts.outcome(terminal.errorCode()))
                // The CLI only ends on terminal job states; an unknown one is not a success.
                .orElse(JobOutcome.FAILED);
        String errorCode = terminal.errorCode();
        if (errorCode == null && outcome == JobOutcome.TIMEOUT) {
            errorCode = "TIMEOUT";
        }
        String jobId = terminal.jobId() == null ? requestedJobId : terminal.jobId();
        Double duration = terminal.durationSeconds() != null ? terminal.durationSeconds() : terminal.elapsedSeconds();
        return new JobResult(
                jobId,
                terminal.jobStatus(),
                outcome,
                duration,
                terminal.jobMeta(),
                terminal.metrics().isEmpty() && lastSeen != null ? lastSeen : terminal.metrics(),
                errorCode,
                TerminalTexts.message(errorCode, jobId),
                TerminalTexts.hint(errorCode));
    }
}
