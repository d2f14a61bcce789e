package io.jenkins.plugins.nvflare.client;

import java.util.List;

/**
 * How to wait for or monitor a job.
 *
 * @param study the job's study; {@code null} means {@code default}
 * @param timeoutSeconds give up after this many seconds; 0 waits without limit
 * @param intervalSeconds how often FLARE polls the job (at least 1)
 * @param extraMetrics metric keys to surface from job stats besides round, accuracy and loss
 */
public record WaitOptions(String study, long timeoutSeconds, long intervalSeconds, List<String> extraMetrics) {
    public static final long DEFAULT_INTERVAL_SECONDS = 2;

    public WaitOptions {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds must be >= 0, was " + timeoutSeconds);
        }
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("intervalSeconds must be >= 1, was " + intervalSeconds);
        }
        extraMetrics = Immutables.list(extraMetrics);
    }

    /** No timeout, the CLI's default interval, no extra metrics. */
    public static WaitOptions defaults(String study) {
        return new WaitOptions(study, 0, DEFAULT_INTERVAL_SECONDS, List.of());
    }
}
