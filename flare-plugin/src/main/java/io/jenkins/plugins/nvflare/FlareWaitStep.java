package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code flareWait}: follows a FLARE job to its end, printing each monitor event as it comes, and
 * returns {@code [jobId, status, outcome, duration, metrics, errorCode, message, hint]}.
 */
public class FlareWaitStep extends FlareWaitingStep {

    private final String jobId;

    @DataBoundConstructor
    public FlareWaitStep(String jobId, String credentialsId) {
        super(credentialsId);
        this.jobId = Util.fixEmptyAndTrim(jobId);
    }

    public String getJobId() {
        return jobId;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends FlareStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient FlareWaitStep step;

        Execution(StepContext context, FlareWaitStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected FlareStep step() {
            return step;
        }

        @Override
        protected Map<String, Object> run(FlareRun flare, Run<?, ?> run, TaskListener listener, EnvVars env) throws Exception {
            return Outcomes.toMap(step.follow(flare, JobIds.require(env.expand(step.jobId), "flareWait")));
        }
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareWait")
    public static class DescriptorImpl extends WaitingDescriptor {
        @Override
        public String getFunctionName() {
            return "flareWait";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Wait for an NVIDIA FLARE job and stream its progress";
        }

        public FormValidation doCheckJobId(@QueryParameter String value) {
            return Validation.required(value, "The job id");
        }
    }
}
