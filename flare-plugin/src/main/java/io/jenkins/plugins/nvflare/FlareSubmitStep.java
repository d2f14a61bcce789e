package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends FlareStepExecution<String> {
        private static final long serialVersionUID = 1L;
        private final transient FlareSubmitStep step;

        Execution(StepContext context, FlareSubmitStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected FlareStep step() {
            return step;
        }

        @Override
        protected String run(FlareRun flare, Run<?, ?> run, TaskListener listener, EnvVars env) throws Exception {
            if (step.jobFolder == null) {
                throw new hudson.AbortException("flareSubmit needs jobFolder.");
            }
            FlowNode node = getContext().get(FlowNode.class);
            String token = step.submitToken != null
                    ? env.expand(step.submitToken)
                    : SubmitTokens.forBuild(run.getParent().getFullName(), run.getNumber(), node == null ? "" : node.getId());
            String jobId = flare.submit(env.expand(step.jobFolder), step.getStudy(), token);
            if (step.wait) {
                step.follow(flare, jobId);
            }
            return jobId;
        }
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
