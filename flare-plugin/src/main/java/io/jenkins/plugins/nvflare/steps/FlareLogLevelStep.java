package io.jenkins.plugins.nvflare.steps;

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
import io.jenkins.plugins.nvflare.run.FlareOperations;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code flareLogLevel}: changes a running FLARE job's logging on the server, one site or all
 * ({@code nvflare job log-config}). Returns FLARE's answer: {@code jobId}, {@code config}, {@code sites},
 * {@code status}.
 */
public class FlareLogLevelStep extends FlareJobStep<Map<String, Object>> {

    private final String level;
    private String site;

    @DataBoundConstructor
    public FlareLogLevelStep(String jobId, String level, String credentialsId) {
        super(jobId, credentialsId);
        this.level = Util.fixEmptyAndTrim(level);
    }

    public String getLevel() {
        return level;
    }

    /** {@code server}, a site's name or {@code all}; null is FLARE's default (all). */
    public String getSite() {
        return site;
    }

    @DataBoundSetter
    public void setSite(String site) {
        this.site = Util.fixEmptyAndTrim(site);
    }

    @Override
    Map<String, Object> call(FlareOperations flare, Run<?, ?> run, TaskListener listener, EnvVars env)
            throws Exception {
        return flare.logLevel(
                jobId(env),
                level == null ? null : env.expand(level),
                site == null ? null : env.expand(site),
                getStudy());
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareLogLevel")
    public static class DescriptorImpl extends JobStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareLogLevel";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareLogLevelStep_displayName();
        }

        @POST
        public FormValidation doCheckLevel(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.logLevel(value));
        }

        @POST
        public FormValidation doCheckSite(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.site(value));
        }
    }
}
