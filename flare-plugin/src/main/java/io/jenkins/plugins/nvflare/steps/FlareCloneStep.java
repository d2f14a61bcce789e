package io.jenkins.plugins.nvflare.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code flareClone}: submits an existing FLARE job again ({@code nvflare job clone}) and returns the new job's id,
 * which {@code flareWait} can follow; the new job is shown on the build page like a submitted one.
 */
public class FlareCloneStep extends FlareJobStep<String> {

    @DataBoundConstructor
    public FlareCloneStep(String jobId, String credentialsId) {
        super(jobId, credentialsId);
    }

    @Override
    String call(FlareOperations flare, Run<?, ?> run, TaskListener listener, EnvVars env) throws Exception {
        return flare.cloneJob(jobId(env), getStudy());
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareClone")
    public static class DescriptorImpl extends JobStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareClone";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareCloneStep_displayName();
        }
    }
}
