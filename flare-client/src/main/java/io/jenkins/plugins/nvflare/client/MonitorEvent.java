package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * One line of {@code nvflare job monitor --format jsonl}: a progress event, or the terminal one.
 *
 * @param event {@code progress} or {@code terminal}
 * @param jobId the job
 * @param status normalised status ({@code RUNNING}, {@code COMPLETED}, {@code ABORTED}, {@code TIMEOUT}, ...)
 * @param jobStatus FLARE's raw job status (e.g. {@code FINISHED:COMPLETED}); may be null on a timeout
 * @param terminal whether this is the last event
 * @param elapsedSeconds seconds since the job started (progress and timeout events), or null
 * @param durationSeconds job duration (terminal events), or null
 * @param jobMeta job summary ({@code job_name}, {@code study}, {@code submit_time}, ...)
 * @param metrics metrics surfaced so far; {@link Metrics#NONE} when FLARE sent none
 * @param errorCode FLARE's error code on an unsuccessful terminal event (e.g. {@code JOB_ABORTED}), or null
 */
public record MonitorEvent(
        String event,
        String jobId,
        String status,
        String jobStatus,
        boolean terminal,
        Double elapsedSeconds,
        Double durationSeconds,
        Map<String, Object> jobMeta,
        Metrics metrics,
        String errorCode)
        implements Serializable {

    public MonitorEvent {
        jobMeta = Immutables.map(jobMeta);
        metrics = metrics == null ? Metrics.NONE : metrics;
    }

    /** The outcome, once the job has ended (or the monitor timed out). */
    public Optional<JobOutcome> outcome() {
        return JobOutcome.fromStatus(status);
    }

    /** The job name from the job summary, or null. */
    public String jobName() {
        Object name = jobMeta.get("job_name");
        return name == null ? null : name.toString();
    }
}
