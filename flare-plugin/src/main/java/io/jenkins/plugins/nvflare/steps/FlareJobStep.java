package io.jenkins.plugins.nvflare.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.Validation;
import io.jenkins.plugins.nvflare.run.JobIds;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

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

    /** Descriptor base: the job id is required. */
    public abstract static class JobStepDescriptor extends FlareStepDescriptor {
        @POST
        public FormValidation doCheckJobId(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.required(value, Messages.FlareJobStep_jobId()));
        }
    }
}
