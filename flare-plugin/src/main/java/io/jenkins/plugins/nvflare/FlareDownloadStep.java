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

    /** Where results go unless told otherwise. */
    public static final String DEFAULT_OUTPUT_DIR = "flare-results";

    private final String jobId;
    private String outputDir = DEFAULT_OUTPUT_DIR;
    private boolean force;
    private boolean archive = true;

    @DataBoundConstructor
    public FlareDownloadStep(String jobId, String credentialsId) {
        super(credentialsId);
        this.jobId = Util.fixEmptyAndTrim(jobId);
    }

    public String getJobId() {
        return jobId;
    }

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        this.outputDir = Util.fixEmptyAndTrim(outputDir) == null ? DEFAULT_OUTPUT_DIR : outputDir.trim();
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public boolean isArchive() {
        return archive;
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        this.archive = archive;
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
            return Downloads.fetch(flare, id, env.expand(step.outputDir), step.force, step.getStudy(), step.archive);
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
