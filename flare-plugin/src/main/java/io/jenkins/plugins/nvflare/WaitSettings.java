package io.jenkins.plugins.nvflare;

import hudson.Util;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/** How to follow a job, shared by {@code flareSubmit}/{@code flareWait} and the freestyle submit step. */
final class WaitSettings implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    int timeout;
    int interval = (int) WaitOptions.DEFAULT_INTERVAL_SECONDS;
    boolean abortOnInterrupt = true;
    boolean propagate = true;
    String metrics;

    void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

    void setInterval(int interval) {
        this.interval = Math.max(1, interval);
    }

    void setMetrics(String metrics) {
        this.metrics = Util.fixEmptyAndTrim(metrics);
    }

    List<String> extraMetrics() {
        return metrics == null ? List.of() : Arrays.stream(metrics.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    JobReport follow(FlareRun flare, String jobId, String study) throws IOException, InterruptedException {
        return flare.waitFor(jobId, study, timeout, interval, extraMetrics(), abortOnInterrupt, propagate);
    }
}
