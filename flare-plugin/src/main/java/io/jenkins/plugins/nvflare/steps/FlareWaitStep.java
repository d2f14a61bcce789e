package io.jenkins.plugins.nvflare.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.steps.follow.FollowExecution;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code flareWait}: follows a FLARE job to its end, printing each monitor event as it comes, and
 * returns {@code [jobId, status, outcome, duration, metrics, errorCode, message, hint]}.
 */
public class FlareWaitStep extends FlareWaitingStep {

    private final String jobId;

    @DataBoundConstructor
    public FlareWaitStep(String jobId, String credentialsId) {
        super(credentialsId);
        this.jobId = Util.fixEmptyAndTrim(jobId);
    }

    public String getJobId() {
        return jobId;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new FollowExecution(context, plan(context.get(EnvVars.class), false, null, null, jobId, true));
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareWait")
    public static class DescriptorImpl extends WaitingDescriptor {
        @Override
        public String getFunctionName() {
            return "flareWait";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareWaitStep_displayName();
        }
    }
}
