package io.jenkins.plugins.nvflare.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.Validation;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import io.jenkins.plugins.nvflare.run.LogOptions;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code flareLogs}: bounded server or site logs of a FLARE job, to the console or a workspace file; returns the text. */
public class FlareLogsStep extends FlareJobStep<String> {

    private final LogOptions options = new LogOptions();

    @DataBoundConstructor
    public FlareLogsStep(String jobId, String credentialsId) {
        super(jobId, credentialsId);
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
    String call(FlareOperations flare, Run<?, ?> run, TaskListener listener, EnvVars env) throws Exception {
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
            return Messages.FlareLogsStep_displayName();
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
