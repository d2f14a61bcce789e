package io.jenkins.plugins.nvflare.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.Validation;
import io.jenkins.plugins.nvflare.run.DownloadOptions;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import io.jenkins.plugins.nvflare.run.JobIds;
import io.jenkins.plugins.nvflare.steps.FlareDownloadStep;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

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
        return options.getOutputDir();
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        options.setOutputDir(outputDir);
    }

    public boolean isForce() {
        return options.isForce();
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        options.setForce(force);
    }

    public boolean isArchive() {
        return options.isArchive();
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        options.setArchive(archive);
    }

    @Override
    void perform(FlareOperations flare, Run<?, ?> run, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        String id = JobIds.require(env.expand(jobId), Messages.FlareDownloadBuilder_displayName());
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
            return Messages.FlareDownloadBuilder_displayName();
        }

        @POST
        public FormValidation doCheckOutputDir(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(
                    item, () -> Validation.workspacePath(value, Messages.FieldRules_outputFolder()));
        }
    }
}
