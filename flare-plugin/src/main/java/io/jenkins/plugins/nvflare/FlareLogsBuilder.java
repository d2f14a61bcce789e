package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.io.IOException;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** Freestyle "Fetch NVIDIA FLARE job logs" (the job id defaults to {@code $FLARE_JOB_ID}). */
public class FlareLogsBuilder extends FlareBuilder {

    /** The job id of the submit step before this one. */
    public static final String DEFAULT_JOB_ID = "${" + FlareJobAction.JOB_ID_VARIABLE + "}";

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
        return options.site;
    }

    @DataBoundSetter
    public void setSite(String site) {
        options.setSite(site);
    }

    public Integer getTail() {
        return options.tail;
    }

    @DataBoundSetter
    public void setTail(Integer tail) {
        options.tail = tail;
    }

    public String getSince() {
        return options.since;
    }

    @DataBoundSetter
    public void setSince(String since) {
        options.since = Util.fixEmptyAndTrim(since);
    }

    public Integer getMaxBytes() {
        return options.maxBytes;
    }

    @DataBoundSetter
    public void setMaxBytes(Integer maxBytes) {
        options.maxBytes = maxBytes;
    }

    public boolean isToConsole() {
        return options.toConsole;
    }

    @DataBoundSetter
    public void setToConsole(boolean toConsole) {
        options.toConsole = toConsole;
    }

    public String getFile() {
        return options.file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        options.file = Util.fixEmptyAndTrim(file);
    }

    @Override
    void perform(FlareRun flare, Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        options.fetch(flare, JobIds.require(env.expand(jobId), "Fetch NVIDIA FLARE job logs"), getStudy(), env);
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
            return "Fetch NVIDIA FLARE job logs";
        }

        public FormValidation doCheckTail(@QueryParameter String value) {
            return Validation.nonNegativeInteger(value);
        }

        public FormValidation doCheckMaxBytes(@QueryParameter String value) {
            return Validation.atLeastOne(value, "byte");
        }
    }
}
