package io.jenkins.plugins.nvflare.freestyle;

import hudson.EnvVars;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.BuildListener;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.nvflare.FlareGlobalConfiguration;
import io.jenkins.plugins.nvflare.FlareSettings;
import io.jenkins.plugins.nvflare.FlareTransport;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.Validation;
import io.jenkins.plugins.nvflare.credentials.CredentialsFields;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import io.jenkins.plugins.nvflare.steps.FlareStep;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What every FLARE freestyle build step takes; the operations are the Pipeline steps' ({@link io.jenkins.plugins.nvflare.run.FlareOperations}).
 * Neither a {@code SimpleBuildStep} nor given a symbol: Pipeline has the real steps, so these are not
 * offered there as twins (in the snippet generator, or as functions that would only build an object).
 */
public abstract class FlareBuilder extends Builder {

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
    public final boolean perform(AbstractBuild<?, ?> run, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        EnvVars env = run.getEnvironment(listener);
        env.overrideAll(run.getBuildVariables());
        FlareSettings settings = FlareGlobalConfiguration.get().settings(transport, nvflare, connectTimeout, env);
        FlareOperations flare =
                FlareOperations.open(run, run.getWorkspace(), launcher, listener, credentialsId, settings);
        perform(flare, run, env, listener);
        return true;
    }

    abstract void perform(FlareOperations flare, Run<?, ?> run, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException;

    /**
     * Descriptor base: applicable everywhere, credentials dropdown. A field's help is its Pipeline twin's
     * ({@code help-<field>.html} beside that step), except where a builder's own help file says otherwise.
     */
    public abstract static class FlareBuilderDescriptor extends BuildStepDescriptor<hudson.tasks.Builder> {

        /** The fields every builder has, besides those of {@code twinFields}. */
        private static final List<String> COMMON_FIELDS =
                List.of("credentialsId", "study", "transport", "nvflare", "connectTimeout");

        protected FlareBuilderDescriptor(Class<? extends FlareStep> twin, String... twinFields) {
            Stream.concat(COMMON_FIELDS.stream(), Stream.of(twinFields))
                    .forEach(field -> addHelpFileRedirect(field, twin, field));
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsFields.fill(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsFields.check(item, value);
        }

        @POST
        public FormValidation doCheckConnectTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.positiveNumber(value));
        }

        @POST
        public FormValidation doCheckNvflare(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.executable(value));
        }

        @POST
        public ListBoxModel doFillTransportItems() {
            return FlareTransport.items(Messages.FlareStep_transportDefault());
        }
    }
}
