package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.BulkChange;
import hudson.EnvVars;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.IOException;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins › System › NVIDIA FLARE: defaults for every step. Each setter saves (configuration as
 * code and scripts set one value at a time); a form submit saves once.
 */
@Extension
@Symbol("nvflare")
public class FlareGlobalConfiguration extends GlobalConfiguration {

    private String executable;
    private Double connectTimeout;
    private String transport;
    private Integer agentReconnectTimeout;

    /** How long a waiting step waits for its agent to reconnect when nothing is configured, in minutes. */
    public static final int DEFAULT_AGENT_RECONNECT_MINUTES = 15;

    public FlareGlobalConfiguration() {
        load();
    }

    public static FlareGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(FlareGlobalConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.FlareGlobalConfiguration_displayName();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try (BulkChange bc = new BulkChange(this)) {
            req.bindJSON(this, json);
            bc.commit();
        } catch (IOException e) {
            throw new FormException(Messages.FlareGlobalConfiguration_notSaved(e.getMessage()), e, "executable");
        }
        return true;
    }

    /** The {@code nvflare} executable on agents; null means {@code nvflare} on the PATH. */
    public String getExecutable() {
        return executable;
    }

    @DataBoundSetter
    public void setExecutable(String executable) {
        this.executable = Util.fixEmptyAndTrim(executable);
        save();
    }

    /** FLARE's connect timeout in seconds; null keeps FLARE's default (5 s). */
    public Double getConnectTimeout() {
        return connectTimeout;
    }

    @DataBoundSetter
    public void setConnectTimeout(Double connectTimeout) {
        this.connectTimeout = connectTimeout;
        save();
    }

    /** {@code native} (the default when null, {@link FlareTransport#DEFAULT}) or {@code cli}. */
    public String getTransport() {
        return transport;
    }

    @DataBoundSetter
    public void setTransport(String transport) {
        this.transport = FlareTransport.normalize(transport);
        save();
    }

    /**
     * Minutes a {@code flareWait} (or {@code flareSubmit wait: true}) waits for its agent to come back online before it
     * gives up following the FLARE job; null means {@value #DEFAULT_AGENT_RECONNECT_MINUTES}.
     */
    public Integer getAgentReconnectTimeout() {
        return agentReconnectTimeout;
    }

    @DataBoundSetter
    public void setAgentReconnectTimeout(Integer agentReconnectTimeout) {
        this.agentReconnectTimeout = agentReconnectTimeout == null ? null : Math.max(1, agentReconnectTimeout);
        save();
    }

    /** The effective {@link #getAgentReconnectTimeout()}, in minutes. */
    public int agentReconnectMinutes() {
        return agentReconnectTimeout == null ? DEFAULT_AGENT_RECONNECT_MINUTES : agentReconnectTimeout;
    }

    /**
     * The settings of one call: a step's own options, expanded against the build's environment {@code env}, win over
     * this configuration; blank means "not set". The environment goes with them (a {@code PATH} set by the Pipeline
     * finds a virtualenv's {@code nvflare}).
     *
     * @throws AbortException for a transport other than {@code cli} or {@code native}
     */
    public FlareSettings settings(String stepTransport, String stepExecutable, Double stepConnectTimeout, EnvVars env)
            throws AbortException {
        FlareTransport chosen = FlareTransport.parse(stepTransport == null ? null : env.expand(stepTransport));
        if (chosen == null) {
            chosen = FlareTransport.parse(transport);
        }
        String own = stepExecutable == null ? null : env.expand(stepExecutable);
        String command = own != null && !own.isBlank() ? own.trim() : executable;
        Double timeout = stepConnectTimeout != null ? stepConnectTimeout : connectTimeout;
        return new FlareSettings(chosen, command == null ? "nvflare" : command, timeout, env);
    }

    @POST
    public FormValidation doCheckAgentReconnectTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        return Validation.forConfigurers(
                item,
                () -> value == null || value.isBlank()
                        ? FormValidation.ok()
                        : Validation.atLeastOne(value, Messages.Validation_minutes()));
    }

    @POST
    public ListBoxModel doFillTransportItems() {
        return FlareTransport.items(Messages.FlareGlobalConfiguration_transportNotSetNative());
    }

    @POST
    public FormValidation doCheckExecutable(@AncestorInPath Item item, @QueryParameter String value) {
        return Validation.forConfigurers(item, () -> Validation.executable(value));
    }

    @POST
    public FormValidation doCheckConnectTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        return Validation.forConfigurers(item, () -> Validation.positiveNumber(value));
    }
}
