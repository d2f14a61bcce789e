package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.MonitorEvent;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One monitor event as the console needs it, made of JDK types only (it crosses the agent channel).
 *
 * @param status FLARE's job status (e.g. {@code RUNNING}, {@code FINISHED:COMPLETED}), else the monitor's own
 * @param ended the job reached a terminal state: the outcome line, not a progress line, says so
 * @param pollTimeout the terminal event of a poll's own short timeout: the job is still running
 * @param metrics the metrics FLARE surfaced with the event (round, accuracy, loss, those asked for), in its order
 */
public record Progress(
        String jobId, String jobName, String status, boolean ended, boolean pollTimeout, Map<String, Object> metrics)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Progress {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(); // not Map.copyOf: the channel's filter
        if (metrics != null) {
            metrics.forEach((k, v) -> copy.put(k, JobMaps.scalar(v)));
        }
        metrics = copy;
    }

    public static Progress of(MonitorEvent e) {
        boolean pollTimeout = e.terminal() && e.outcome().orElse(null) == JobOutcome.TIMEOUT;
        String status = e.jobStatus() != null ? e.jobStatus() : e.status();
        boolean finished = status != null && status.startsWith("FINISHED");
        return new Progress(
                e.jobId(),
                e.jobName(),
                status,
                !pollTimeout && (e.terminal() || finished),
                pollTimeout,
                e.metrics().values());
    }
}
