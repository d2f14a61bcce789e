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
 * {@code flareStatus}: a FLARE job's metadata ({@code nvflare job meta}) as a map: {@code jobId}, {@code name},
 * {@code study}, {@code status}, {@code submitTime}, {@code startTime}, {@code duration}, {@code submitter} and
 * {@code sites} (each site's deployment result).
 */
public class FlareStatusStep extends FlareStep {

    private final String jobId;

    @DataBoundConstructor
    public FlareStatusStep(String jobId, String credentialsId) {
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
        private final transient FlareStatusStep step;

        Execution(StepContext context, FlareStatusStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected FlareStep step() {
            return step;
        }

        @Override
        protected Map<String, Object> run(FlareRun flare, Run<?, ?> run, TaskListener listener, EnvVars env) throws Exception {
            Map<String, Object> status = flare.status(JobIds.require(env.expand(step.jobId), "flareStatus"), step.getStudy());
            listener.getLogger().println("[FLARE] Job " + status.get("jobId") + " (" + status.get("name") + "): " + status.get("status"));
            return status;
        }
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareStatus")
    public static class DescriptorImpl extends FlareStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareStatus";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Read an NVIDIA FLARE job's status";
        }

        public FormValidation doCheckJobId(@QueryParameter String value) {
            return Validation.required(value, "The job id");
        }
    }
}
