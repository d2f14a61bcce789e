package io.jenkins.plugins.nvflare.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Util;
import io.jenkins.plugins.nvflare.run.JobIds;

/**
 * A {@link FlareCallStep} about one FLARE job, given by its id.
 *
 * @param <T> what the step returns to the Pipeline
 */
public abstract class FlareJobStep<T> extends FlareCallStep<T> {

    private final String jobId;

    protected FlareJobStep(String jobId, String credentialsId) {
        super(credentialsId);
        this.jobId = Util.fixEmptyAndTrim(jobId);
    }

    public String getJobId() {
        return jobId;
    }

    /** The job id against the build's environment, checked before anything runs on the agent. */
    String jobId(EnvVars env) throws AbortException {
        return JobIds.require(
                jobId == null ? null : env.expand(jobId), getDescriptor().getFunctionName());
    }

    /** Descriptor base of the steps about one job (the job id is left to FLARE, which knows its jobs). */
    public abstract static class JobStepDescriptor extends FlareStepDescriptor {}
}
