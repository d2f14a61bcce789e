package io.jenkins.plugins.nvflare.run;

import hudson.Util;
import io.jenkins.plugins.nvflare.agent.JobReport;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/** How to follow a job, shared by {@code flareSubmit}/{@code flareWait} and the freestyle submit step. */
public final class WaitSettings implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private int timeout;
    private int interval = (int) WaitOptions.DEFAULT_INTERVAL_SECONDS;
    private boolean abortOnInterrupt = true;
    private boolean propagate = true;
    private String metrics;

    /** Seconds to wait at most; 0 waits as long as the job runs. */
    public int getTimeout() {
        return timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

    /** Seconds between FLARE's status polls. */
    public int getInterval() {
        return interval;
    }

    public void setInterval(int interval) {
        this.interval = Math.max(1, interval);
    }

    public boolean isAbortOnInterrupt() {
        return abortOnInterrupt;
    }

    public void setAbortOnInterrupt(boolean abortOnInterrupt) {
        this.abortOnInterrupt = abortOnInterrupt;
    }

    public boolean isPropagate() {
        return propagate;
    }

    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    /** Extra metric keys to show besides round, accuracy and loss, comma separated. */
    public String getMetrics() {
        return metrics;
    }

    public void setMetrics(String metrics) {
        this.metrics = Util.fixEmptyAndTrim(metrics);
    }

    /** {@link #getMetrics()} as a list. */
    public List<String> extraMetrics() {
        return metrics == null
                ? List.of()
                : Arrays.stream(metrics.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    /** Follows the job in one agent call (freestyle). */
    public JobReport follow(FlareOperations flare, String jobId, String study)
            throws IOException, InterruptedException {
        return flare.waitFor(jobId, study, timeout, interval, extraMetrics(), abortOnInterrupt, propagate);
    }
}
