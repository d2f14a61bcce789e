package io.jenkins.plugins.nvflare.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code flareDelete}: deletes a finished FLARE job and its stored workspace ({@code nvflare job delete}). A job that
 * has not finished is refused with FLARE's {@code JOB_NOT_DONE}, unless {@code force} is set: then it is aborted and
 * deleted once FLARE reports it finished. Returns {@code jobId}, {@code submitRecordsMarkedDeleted}, {@code status} (the
 * job's last status) and {@code aborted}; a job shown on this build's page is marked deleted there.
 */
public class FlareDeleteStep extends FlareJobStep<Map<String, Object>> {

    private boolean force;

    @DataBoundConstructor
    public FlareDeleteStep(String jobId, String credentialsId) {
        super(jobId, credentialsId);
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    @Override
    Map<String, Object> call(FlareOperations flare, Run<?, ?> run, TaskListener listener, EnvVars env)
            throws Exception {
        return flare.delete(jobId(env), getStudy(), force);
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareDelete")
    public static class DescriptorImpl extends JobStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareDelete";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareDeleteStep_displayName();
        }
    }
}
