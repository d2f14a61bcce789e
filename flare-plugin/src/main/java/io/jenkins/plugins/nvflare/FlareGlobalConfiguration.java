package io.jenkins.plugins.nvflare;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** Manage Jenkins › System › NVIDIA FLARE: defaults for every step. */
@Extension
@Symbol("nvflare")
public class FlareGlobalConfiguration extends GlobalConfiguration {

    private String executable;
    private Double connectTimeout;
    private String transport;

    public FlareGlobalConfiguration() {
        load();
    }

    public static FlareGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(FlareGlobalConfiguration.class);
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

    /** {@code cli} (the default when null) or {@code native}. */
    public String getTransport() {
        return transport;
    }

    @DataBoundSetter
    public void setTransport(String transport) {
        this.transport = FlareTransport.normalize(transport);
        save();
    }

    public ListBoxModel doFillTransportItems() {
        return FlareTransport.items(null);
    }

    public FormValidation doCheckConnectTimeout(@QueryParameter String value) {
        return Validation.positiveNumber(value);
    }
}
