package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;
import java.util.Map;

/**
 * How a wait or monitor ended.
 *
 * @param jobId the job
 * @param jobStatus FLARE's raw job status (e.g. {@code FINISHED:ABORTED}); null if unknown (timeout)
 * @param outcome the normalised outcome
 * @param durationSeconds job duration, or elapsed time for a timeout; may be null
 * @param jobMeta job summary ({@code job_name}, {@code study}, ...)
 * @param metrics last metrics seen
 * @param errorCode FLARE's error code for an unsuccessful outcome (e.g. {@code JOB_ABORTED}, {@code TIMEOUT}), else null
 * @param message FLARE's message for an unsuccessful outcome, else null
 * @param hint FLARE's hint for an unsuccessful outcome, else null
 */
public record JobResult(
        String jobId,
        String jobStatus,
        JobOutcome outcome,
        Double durationSeconds,
        Map<String, Object> jobMeta,
        Metrics metrics,
        String errorCode,
        String message,
        String hint)
        implements Serializable {

    public JobResult {
        jobMeta = Immutables.map(jobMeta);
        metrics = metrics == null ? Metrics.NONE : metrics;
    }

    public boolean isSuccess() {
        return outcome == JobOutcome.COMPLETED;
    }

    /** The job name from the job summary, or null. */
    public String jobName() {
        Object name = jobMeta.get("job_name");
        return name == null ? null : name.toString();
    }

    /** The job's study from the job summary, or null. */
    public String study() {
        Object study = jobMeta.get("study");
        return study == null ? null : study.toString();
    }
}
