package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** {@code flareLogs}: bounded server or site logs of a FLARE job, to the console or a workspace file; returns the text. */
public class FlareLogsStep extends FlareJobStep<String> {

    private final LogOptions options = new LogOptions();

    @DataBoundConstructor
    public FlareLogsStep(String jobId, String credentialsId) {
        super(jobId, credentialsId);
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
    String call(FlareRun flare, Run<?, ?> run, TaskListener listener, EnvVars env) throws Exception {
        return options.fetch(flare, jobId(env), getStudy(), env);
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareLogs")
    public static class DescriptorImpl extends JobStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareLogs";
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
