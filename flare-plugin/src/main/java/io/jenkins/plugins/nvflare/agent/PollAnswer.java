package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.JobOutcome;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one poll of a job saw, built on the agent of JDK types only (it crosses the agent channel): the monitor
 * events, and how the monitor run ended. A {@link JobOutcome#TIMEOUT} is the poll's own short timeout: the job is
 * still running.
 *
 * @param events the monitor events, in order
 * @param report the monitor's result: the job's outcome once it ended, else its last status and metrics
 * @param sites each site the job was deployed to and its deployment result, when asked for and known; else empty
 */
public record PollAnswer(List<Progress> events, JobReport report, Map<String, Object> sites) implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    public PollAnswer {
        events = new ArrayList<>(events); // not List.copyOf: the channel's class filter refuses its serial form
        sites = new LinkedHashMap<>(sites);
    }

    /** Whether the job reached a terminal state. */
    public boolean ended() {
        return report.outcome() != JobOutcome.TIMEOUT;
    }
}
