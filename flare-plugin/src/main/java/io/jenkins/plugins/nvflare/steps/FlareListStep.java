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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

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

    /** How many jobs {@code flareList} returns when no {@code max} is given: its list lives in the Pipeline's state. */
    public static final int DEFAULT_MAX = 100;

    /** At most this many jobs ({@code -m}); null for {@value #DEFAULT_MAX}. */
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
        int most = max != null ? max : DEFAULT_MAX;
        List<Map<String, Object>> jobs = new ArrayList<>(flare.list(
                namePrefix == null ? null : env.expand(namePrefix),
                idPrefix == null ? null : env.expand(idPrefix),
                most,
                getStudy()));
        listener.getLogger().println(Messages.FlareListStep_count(String.valueOf(jobs.size()), getStudy()));
        if (jobs.size() >= most) {
            listener.getLogger().println(Messages.FlareListStep_capped(String.valueOf(most)));
        }
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

        /**
         * The snippet generator writes a step whose only required parameter is the only one given positionally
         * ({@code flareList 'kit'}); without the model it names it ({@code flareList credentialsId: 'kit'}) like
         * every other FLARE step. A positional {@code flareList 'kit'} still runs: the step's model is unchanged.
         */
        @Override
        public UninstantiatedDescribable uninstantiate(Step step) throws UnsupportedOperationException {
            // not super: StepDescriptor calls back an overridden uninstantiate
            UninstantiatedDescribable described = DescribableModel.uninstantiate2_(step);
            return new UninstantiatedDescribable(described.getSymbol(), described.getKlass(), described.getArguments());
        }

        @POST
        public FormValidation doCheckMax(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.atLeastOne(value, Messages.Validation_jobs()));
        }
    }
}
