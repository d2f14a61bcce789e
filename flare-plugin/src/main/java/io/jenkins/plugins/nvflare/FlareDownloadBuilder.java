package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Freestyle "Download NVIDIA FLARE job result": download, discover, archive (job id defaults to {@code $FLARE_JOB_ID}). */
public class FlareDownloadBuilder extends FlareBuilder {

    private String jobId = FlareLogsBuilder.DEFAULT_JOB_ID;
    private final DownloadOptions options = new DownloadOptions();

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
    void perform(FlareRun flare, Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        String id = JobIds.require(env.expand(jobId), "Download NVIDIA FLARE job result");
        options.fetch(flare, id, getStudy(), env);
    }

    /** Descriptor. */
    @Extension
    public static class DescriptorImpl extends FlareBuilderDescriptor {
        public DescriptorImpl() {
            super(FlareDownloadStep.class, "outputDir", "force", "archive");
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Download NVIDIA FLARE job result";
        }
    }
}
