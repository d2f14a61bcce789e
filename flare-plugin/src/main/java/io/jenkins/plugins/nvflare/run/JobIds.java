package io.jenkins.plugins.nvflare.run;

import hudson.AbortException;
import io.jenkins.plugins.nvflare.Messages;

/** The job id a step was given, checked before anything runs on the agent. */
public final class JobIds {

    private JobIds() {}

    /** The trimmed id; {@code step} names the step in the error. */
    public static String require(String jobId, String step) throws AbortException {
        if (jobId == null || jobId.isBlank()) {
            throw new AbortException(Messages.JobIds_missing(step));
        }
        if (jobId.contains("${")) {
            throw new AbortException(Messages.JobIds_unresolved(step, jobId));
        }
        return jobId.trim();
    }
}
