package io.jenkins.plugins.nvflare.steps;

import hudson.EnvVars;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.Validation;
import io.jenkins.plugins.nvflare.agent.JobSource;
import io.jenkins.plugins.nvflare.run.WaitSettings;
import io.jenkins.plugins.nvflare.steps.follow.FollowPlan;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A step that can follow a FLARE job to its end: timeout, interval, abort propagation, result mapping. */
public abstract class FlareWaitingStep extends FlareStep {

    private final WaitSettings wait = new WaitSettings();

    protected FlareWaitingStep(String credentialsId) {
        super(credentialsId);
    }

    /** Seconds to wait at most; 0 waits as long as the job runs. */
    public int getTimeout() {
        return wait.getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        wait.setTimeout(timeout);
    }

    /** Seconds between FLARE's status polls. */
    public int getInterval() {
        return wait.getInterval();
    }

    @DataBoundSetter
    public void setInterval(int interval) {
        wait.setInterval(interval);
    }

    public boolean isAbortOnInterrupt() {
        return wait.isAbortOnInterrupt();
    }

    @DataBoundSetter
    public void setAbortOnInterrupt(boolean abortOnInterrupt) {
        wait.setAbortOnInterrupt(abortOnInterrupt);
    }

    public boolean isPropagate() {
        return wait.isPropagate();
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        wait.setPropagate(propagate);
    }

    /** Extra metric keys to show besides round, accuracy and loss, comma separated. */
    public String getMetrics() {
        return wait.getMetrics();
    }

    @DataBoundSetter
    public void setMetrics(String metrics) {
        wait.setMetrics(metrics);
    }

    /**
     * The durable execution's plan: this step's options, with {@code source} (already expanded), {@code submitToken}
     * and {@code jobId} expanded against the build's environment ({@code transport} and {@code nvflare} are expanded
     * for every call).
     */
    FollowPlan plan(EnvVars env, boolean submit, JobSource source, String submitToken, String jobId, boolean follow) {
        return new FollowPlan(
                submit,
                getCredentialsId(),
                getTransport(),
                getNvflare(),
                getConnectTimeout(),
                getStudy(),
                source,
                submitToken == null ? null : env.expand(submitToken),
                jobId == null ? null : env.expand(jobId),
                follow,
                wait.getTimeout(),
                wait.getInterval(),
                wait.isAbortOnInterrupt(),
                wait.isPropagate(),
                wait.extraMetrics());
    }

    /** Checks of the wait options. */
    public abstract static class WaitingDescriptor extends FlareStepDescriptor {
        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.nonNegativeInteger(value));
        }

        @POST
        public FormValidation doCheckInterval(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.atLeastOne(value, Messages.Validation_seconds()));
        }
    }
}
