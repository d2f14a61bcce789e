package io.jenkins.plugins.nvflare.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.nvflare.FlareGlobalConfiguration;
import io.jenkins.plugins.nvflare.FlareSettings;
import io.jenkins.plugins.nvflare.FlareTransport;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.Validation;
import io.jenkins.plugins.nvflare.credentials.CredentialsFields;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** What every FLARE Pipeline step takes: the kit credential, the study and how to run {@code nvflare}. */
public abstract class FlareStep extends Step {

    /** FLARE's default study. */
    public static final String DEFAULT_STUDY = "default";

    private final String credentialsId;
    private String study = DEFAULT_STUDY;
    private String nvflare;
    private Double connectTimeout;
    private String transport;

    protected FlareStep(String credentialsId) {
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
        this.study = Util.fixEmptyAndTrim(study) == null ? DEFAULT_STUDY : study.trim();
    }

    /** The {@code nvflare} executable; null uses the global setting. */
    public String getNvflare() {
        return nvflare;
    }

    @DataBoundSetter
    public void setNvflare(String nvflare) {
        this.nvflare = Util.fixEmptyAndTrim(nvflare);
    }

    /** FLARE's connect timeout in seconds; null uses the global setting. */
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

    protected FlareSettings settings(EnvVars env) throws AbortException {
        return FlareGlobalConfiguration.get().settings(transport, nvflare, connectTimeout, env);
    }

    /** Descriptor base: context, credentials dropdown and common checks. */
    public abstract static class FlareStepDescriptor extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class);
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

        @NonNull
        @Override
        public abstract String getDisplayName();
    }
}
