package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.JobResult;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a FLARE job ended, as the plugin shows and returns it. Built on the agent from flare-client's
 * {@link JobResult} and made of JDK types only: it comes back over the agent channel, whose class
 * filter refuses classes of a plain library jar (and whatever a transport put into its maps).
 *
 * @param metrics the last metrics, values as numbers, booleans or strings
 */
public record JobReport(
        String jobId,
        String jobName,
        String study,
        String jobStatus,
        JobOutcome outcome,
        Double durationSeconds,
        Map<String, Object> metrics,
        String errorCode,
        String message,
        String hint)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public JobReport {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (metrics != null) {
            metrics.forEach((k, v) -> copy.put(k, JobMaps.scalar(v)));
        }
        metrics = Collections.unmodifiableMap(copy);
    }

    public static JobReport of(JobResult r) {
        return new JobReport(
                r.jobId(),
                r.jobName(),
                r.study(),
                r.jobStatus(),
                r.outcome(),
                r.durationSeconds(),
                r.metrics().values(),
                r.errorCode(),
                r.message(),
                r.hint());
    }

    public boolean isSuccess() {
        return outcome == JobOutcome.COMPLETED;
    }
}
