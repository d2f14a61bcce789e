package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Freestyle "Download NVIDIA FLARE job result": download, discover, archive (job id defaults to {@code $FLARE_JOB_ID}). */
public class FlareDownloadBuilder extends FlareBuilder {

    private String jobId = FlareLogsBuilder.DEFAULT_JOB_ID;
    private String outputDir = FlareDownloadStep.DEFAULT_OUTPUT_DIR;
    private boolean force;
    private boolean archive = true;

    @DataBoundConstructor
    public FlareDownloadBuilder(String credentialsId) {
        super(credentialsId);
    }

    public String getJobId() {
        return jobId;
    }

    @DataBoundSetter
    public void setJobId(String jobId) {
        this.jobId = Util.fixEmptyAndTrim(jobId) == null ? FlareLogsBuilder.DEFAULT_JOB_ID : jobId.trim();
    }

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        this.outputDir = Util.fixEmptyAndTrim(outputDir) == null ? FlareDownloadStep.DEFAULT_OUTPUT_DIR : outputDir.trim();
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
    void perform(FlareRun flare, Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        String id = JobIds.require(env.expand(jobId), "Download NVIDIA FLARE job result");
        Downloads.fetch(flare, id, env.expand(outputDir), force, getStudy(), archive);
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareDownloadResult")
    public static class DescriptorImpl extends FlareBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Download NVIDIA FLARE job result";
        }
    }
}
