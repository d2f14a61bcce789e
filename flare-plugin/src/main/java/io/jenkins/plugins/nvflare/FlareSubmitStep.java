package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.util.FormValidation;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** {@code flareSubmit}: submits a job folder from the workspace and returns the FLARE job id. */
public class FlareSubmitStep extends FlareWaitingStep {

    private final String jobFolder;
    private String submitToken;
    private boolean wait;

    @DataBoundConstructor
    public FlareSubmitStep(String jobFolder, String credentialsId) {
        super(credentialsId);
        this.jobFolder = Util.fixEmptyAndTrim(jobFolder);
    }

    public String getJobFolder() {
        return jobFolder;
    }

    /** The submit token; null derives one from the build and the step. */
    public String getSubmitToken() {
        return submitToken;
    }

    @DataBoundSetter
    public void setSubmitToken(String submitToken) {
        this.submitToken = Util.fixEmptyAndTrim(submitToken);
    }

    /** Also follow the job to its end, like {@code flareWait}. */
    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new JobFollowExecution(context, plan(context.get(EnvVars.class), true, jobFolder, submitToken, null, wait));
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareSubmit")
    public static class DescriptorImpl extends WaitingDescriptor {
        @Override
        public String getFunctionName() {
            return "flareSubmit";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Submit an NVIDIA FLARE job";
        }

        public FormValidation doCheckJobFolder(@QueryParameter String value) {
            return Validation.required(value, "The job folder");
        }

        public FormValidation doCheckSubmitToken(@QueryParameter String value) {
            return Validation.submitToken(value);
        }
    }
}
