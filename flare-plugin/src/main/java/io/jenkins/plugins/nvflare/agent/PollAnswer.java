package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.MonitorEvent;
import io.jenkins.plugins.nvflare.client.ProgressLines;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one poll of a job saw, built on the agent of JDK types only (it crosses the agent channel): the monitor
 * events as console lines, and how the monitor run ended. A {@link JobOutcome#TIMEOUT} is the poll's own short
 * timeout: the job is still running.
 *
 * @param lines the monitor events, in order
 * @param report the monitor's result: the job's outcome once it ended, else its last status and metrics
 * @param sites each site the job was deployed to and its deployment result, when asked for and known; else empty
 */
public record PollAnswer(List<Line> lines, JobReport report, Map<String, Object> sites) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public PollAnswer {
        lines = new ArrayList<>(lines); // not List.copyOf: the channel's class filter refuses its serial form
        sites = new LinkedHashMap<>(sites);
    }

    /** Whether the job reached a terminal state. */
    public boolean ended() {
        return report.outcome() != JobOutcome.TIMEOUT;
    }

    public static Line line(MonitorEvent event) {
        // The same event without its clock: two polls seeing the same state give the same key.
        MonitorEvent timeless = new MonitorEvent(
                event.event(),
                event.jobId(),
                event.status(),
                event.jobStatus(),
                event.terminal(),
                null,
                null,
                event.jobMeta(),
                event.metrics(),
                event.errorCode());
        boolean pollTimeout = event.terminal() && event.outcome().orElse(null) == JobOutcome.TIMEOUT;
        return new Line(ProgressLines.render(event), ProgressLines.render(timeless), pollTimeout);
    }

    /**
     * One monitor event.
     *
     * @param text the console line
     * @param key the line without elapsed time or duration: what changed since the last line shown
     * @param pollTimeout the terminal event of the poll's own timeout, never shown
     */
    public record Line(String text, String key, boolean pollTimeout) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }
}
