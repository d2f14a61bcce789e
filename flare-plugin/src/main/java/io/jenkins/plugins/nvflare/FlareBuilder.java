package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** What every FLARE freestyle build step takes; the operations are the Pipeline steps' ({@link FlareRun}). */
public abstract class FlareBuilder extends Builder implements SimpleBuildStep {

    private final String credentialsId;
    private String study = FlareStep.DEFAULT_STUDY;
    private String nvflare;
    private Double connectTimeout;
    private String transport;

    protected FlareBuilder(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getStudy() {
        return study;
    }

    @DataBoundSetter
    public void setStudy(String study) {
        this.study = Util.fixEmptyAndTrim(study) == null ? FlareStep.DEFAULT_STUDY : study.trim();
    }

    public String getNvflare() {
        return nvflare;
    }

    @DataBoundSetter
    public void setNvflare(String nvflare) {
        this.nvflare = Util.fixEmptyAndTrim(nvflare);
    }

    public Double getConnectTimeout() {
        return connectTimeout;
    }

    @DataBoundSetter
    public void setConnectTimeout(Double connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** {@code cli} or {@code native}; null uses the global setting. */
    public String getTransport() {
        return transport;
    }

    @DataBoundSetter
    public void setTransport(String transport) {
        this.transport = FlareTransport.normalize(transport);
    }

    @Override
    public final void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
                              @NonNull Launcher launcher, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        FlareSettings settings = FlareSettings.resolve(transport == null ? null : env.expand(transport),
                nvflare == null ? null : env.expand(nvflare), connectTimeout, env);
        FlareRun flare = FlareRun.open(run, workspace, launcher, listener, env.expand(credentialsId), settings);
        perform(flare, run, env, listener);
    }

    abstract void perform(FlareRun flare, Run<?, ?> run, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException;

    /** Descriptor base: applicable everywhere, credentials dropdown, shared help. */
    public abstract static class FlareBuilderDescriptor extends BuildStepDescriptor<hudson.tasks.Builder> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsFields.fill(item, credentialsId);
        }

        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsFields.check(item, value);
        }

        public FormValidation doCheckConnectTimeout(@QueryParameter String value) {
            return Validation.positiveNumber(value);
        }

        public ListBoxModel doFillTransportItems() {
            return FlareTransport.items("Global default (Manage Jenkins › System)");
        }

        @Override
        public String getHelpFile(String fieldName) {
            String shared = Help.sharedField(fieldName);
            return shared != null ? shared : super.getHelpFile(fieldName);
        }
    }
}
