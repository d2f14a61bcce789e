package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code flareStatus}: a FLARE job's metadata ({@code nvflare job meta}) as a map: {@code jobId}, {@code name},
 * {@code study}, {@code status}, {@code submitTime}, {@code startTime}, {@code duration}, {@code submitter} and
 * {@code sites} (each site's deployment result).
 */
public class FlareStatsStep extends FlareStep {

    private final String jobId;
    private String site;

    @DataBoundConstructor
    public FlareStatsStep(String jobId, String credentialsId) {
        super(credentialsId);
        this.jobId = Util.fixEmptyAndTrim(jobId);
    }

    public String getJobId() {
        return jobId;
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
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends FlareStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient FlareStatsStep step;

        Execution(StepContext context, FlareStatsStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected FlareStep step() {
            return step;
        }

        @Override
        protected Map<String, Object> run(FlareRun flare, Run<?, ?> run, TaskListener listener, EnvVars env) throws Exception {
            String id = JobIds.require(env.expand(step.jobId), "flareStats");
            Map<String, Object> stats = flare.stats(id, step.site == null ? null : env.expand(step.site), step.getStudy());
            listener.getLogger().println("[FLARE] Statistics of job " + id + " from " + String.join(", ", stats.keySet()));
            return stats;
        }
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareStats")
    public static class DescriptorImpl extends FlareStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareStats";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Read a running NVIDIA FLARE job's statistics";
        }

        public FormValidation doCheckJobId(@QueryParameter String value) {
            return Validation.required(value, "The job id");
        }
    }
}
