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
 * {@code flareStats}: a running FLARE job's statistics ({@code nvflare job stats}) from the server, one site or all,
 * as a map from each target to what it reports.
 */
public class FlareStatsStep extends FlareJobStep<Map<String, Object>> {

    private String site;

    @DataBoundConstructor
    public FlareStatsStep(String jobId, String credentialsId) {
        super(jobId, credentialsId);
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
        String id = jobId(env);
        Map<String, Object> stats = flare.stats(id, site == null ? null : env.expand(site), getStudy());
        listener.getLogger().println(Messages.FlareStatsStep_from(id, String.join(", ", stats.keySet())));
        return stats;
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareStats")
    public static class DescriptorImpl extends JobStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareStats";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareStatsStep_displayName();
        }

        @POST
        public FormValidation doCheckSite(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.site(value));
        }
    }
}
