package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code flareDownload}: downloads a FLARE job's result into the workspace, finds the global model,
 * metrics and site logs, archives them and fingerprints the model; returns where they are.
 */
public class FlareDownloadStep extends FlareJobStep<Map<String, Object>> {

    private final DownloadOptions options = new DownloadOptions();

    @DataBoundConstructor
    public FlareDownloadStep(String jobId, String credentialsId) {
        super(jobId, credentialsId);
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
    Map<String, Object> call(FlareRun flare, Run<?, ?> run, TaskListener listener, EnvVars env) throws Exception {
        String id = jobId(env);
        return options.fetch(flare, id, getStudy(), env);
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareDownload")
    public static class DescriptorImpl extends JobStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareDownload";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Download an NVIDIA FLARE job result and archive its artifacts";
        }
    }
}
