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
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code flareDownload}: downloads a FLARE job's result into the workspace, finds the global model,
 * metrics and site logs, archives them and fingerprints the model; returns where they are.
 */
public class FlareDownloadStep extends FlareStep {

    private final String jobId;
    private final DownloadOptions options = new DownloadOptions();

    @DataBoundConstructor
    public FlareDownloadStep(String jobId, String credentialsId) {
        super(credentialsId);
        this.jobId = Util.fixEmptyAndTrim(jobId);
    }

    public String getJobId() {
        return jobId;
    }

    public String getOutputDir() {
        return options.outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        options.setOutputDir(outputDir);
    }

    public boolean isForce() {
        return options.force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        options.force = force;
    }

    public boolean isArchive() {
        return options.archive;
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        options.archive = archive;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends FlareStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient FlareDownloadStep step;

        Execution(StepContext context, FlareDownloadStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected FlareStep step() {
            return step;
        }

        @Override
        protected Map<String, Object> run(FlareRun flare, Run<?, ?> run, TaskListener listener, EnvVars env) throws Exception {
            String id = JobIds.require(env.expand(step.jobId), "flareDownload");
            return step.options.fetch(flare, id, step.getStudy(), env);
        }
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareDownload")
    public static class DescriptorImpl extends FlareStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareDownload";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Download an NVIDIA FLARE job result and archive its artifacts";
        }

        public FormValidation doCheckJobId(@QueryParameter String value) {
            return Validation.required(value, "The job id");
        }
    }
}
