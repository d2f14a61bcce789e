package io.jenkins.plugins.nvflare;

import hudson.AbortException;

/** The job id a step was given, checked before anything runs on the agent. */
final class JobIds {

    private JobIds() {}

    static String require(String jobId, String step) throws AbortException {
        if (jobId == null || jobId.isBlank() || jobId.contains("${")) {
            throw new AbortException(step + " needs the FLARE job id (as returned by flareSubmit)"
                    + (jobId == null || jobId.isBlank() ? "." : "; '" + jobId + "' was not resolved."));
        }
        return jobId.trim();
    }
}
