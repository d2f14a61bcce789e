package io.jenkins.plugins.nvflare.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.Validation;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code flareList}: the study's jobs ({@code nvflare job list}), filtered as the CLI filters them, each as a map:
 * {@code jobId}, {@code name}, {@code status}, {@code submitTime}, {@code duration}, {@code study}.
 */
public class FlareListStep extends FlareCallStep<List<Map<String, Object>>> {

    private String namePrefix;
    private String idPrefix;
    private Integer max;

    @DataBoundConstructor
    public FlareListStep(String credentialsId) {
        super(credentialsId);
    }

    /** Only jobs whose name starts with this ({@code -n}). */
    public String getNamePrefix() {
        return namePrefix;
    }

    @DataBoundSetter
    public void setNamePrefix(String namePrefix) {
        this.namePrefix = Util.fixEmptyAndTrim(namePrefix);
    }

    /** Only jobs whose id starts with this ({@code -i}). */
    public String getIdPrefix() {
        return idPrefix;
    }

    @DataBoundSetter
    public void setIdPrefix(String idPrefix) {
        this.idPrefix = Util.fixEmptyAndTrim(idPrefix);
    }

    /** At most this many jobs ({@code -m}); null lists all. */
    public Integer getMax() {
        return max;
    }

    @DataBoundSetter
    public void setMax(Integer max) {
        this.max = max;
    }

    @Override
    List<Map<String, Object>> call(FlareOperations flare, Run<?, ?> run, TaskListener listener, EnvVars env)
            throws Exception {
        List<Map<String, Object>> jobs = new ArrayList<>(flare.list(
                namePrefix == null ? null : env.expand(namePrefix),
                idPrefix == null ? null : env.expand(idPrefix),
                max,
                getStudy()));
        listener.getLogger().println(Messages.FlareListStep_count(String.valueOf(jobs.size()), getStudy()));
        return jobs;
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareList")
    public static class DescriptorImpl extends FlareStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareList";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareListStep_displayName();
        }

        public FormValidation doCheckMax(@QueryParameter String value) {
            return Validation.atLeastOne(value, Messages.Validation_jobs());
        }
    }
}
