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
import io.jenkins.plugins.nvflare.model.BuildRecord;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import io.jenkins.plugins.nvflare.run.JobIds;
import io.jenkins.plugins.nvflare.run.LogOptions;
import io.jenkins.plugins.nvflare.steps.FlareLogsStep;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Freestyle "Fetch NVIDIA FLARE job logs" (the job id defaults to {@code $FLARE_JOB_ID}). */
public class FlareLogsBuilder extends FlareBuilder {

    /** The job id of the submit step before this one. */
    public static final String DEFAULT_JOB_ID = "${" + BuildRecord.JOB_ID_VARIABLE + "}";

    private String jobId = DEFAULT_JOB_ID;
    private final LogOptions options = new LogOptions();

    @DataBoundConstructor
    public FlareLogsBuilder(String credentialsId) {
        super(credentialsId);
    }

    public String getJobId() {
        return jobId;
    }

    @DataBoundSetter
    public void setJobId(String jobId) {
        this.jobId = Util.fixEmptyAndTrim(jobId) == null ? DEFAULT_JOB_ID : jobId.trim();
    }

    public String getSite() {
        return options.getSite();
    }

    @DataBoundSetter
    public void setSite(String site) {
        options.setSite(site);
    }

    public Integer getTail() {
        return options.getTail();
    }

    @DataBoundSetter
    public void setTail(Integer tail) {
        options.setTail(tail);
    }

    public String getSince() {
        return options.getSince();
    }

    @DataBoundSetter
    public void setSince(String since) {
        options.setSince(since);
    }

    public Integer getMaxBytes() {
        return options.getMaxBytes();
    }

    @DataBoundSetter
    public void setMaxBytes(Integer maxBytes) {
        options.setMaxBytes(maxBytes);
    }

    public boolean isToConsole() {
        return options.isToConsole();
    }

    @DataBoundSetter
    public void setToConsole(boolean toConsole) {
        options.setToConsole(toConsole);
    }

    public String getFile() {
        return options.getFile();
    }

    @DataBoundSetter
    public void setFile(String file) {
        options.setFile(file);
    }

    @Override
    void perform(FlareOperations flare, Run<?, ?> run, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        options.fetch(
                flare, JobIds.require(env.expand(jobId), Messages.FlareLogsBuilder_displayName()), getStudy(), env);
    }

    /** Descriptor. */
    @Extension
    public static class DescriptorImpl extends FlareBuilderDescriptor {
        public DescriptorImpl() {
            super(FlareLogsStep.class, "site", "tail", "since", "maxBytes", "toConsole", "file");
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareLogsBuilder_displayName();
        }

        @POST
        public FormValidation doCheckTail(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.nonNegativeInteger(value));
        }

        @POST
        public FormValidation doCheckMaxBytes(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.atLeastOne(value, Messages.Validation_bytes()));
        }

        @POST
        public FormValidation doCheckSite(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.site(value));
        }

        @POST
        public FormValidation doCheckSince(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.since(value));
        }

        @POST
        public FormValidation doCheckFile(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(
                    item, () -> Validation.workspacePath(value, Messages.FieldRules_logFile()));
        }
    }
}
