package io.jenkins.plugins.nvflare;

import hudson.AbortException;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import java.io.IOException;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** A step that can follow a FLARE job to its end: timeout, interval, abort propagation, result mapping. */
public abstract class FlareWaitingStep extends FlareStep {

    private final WaitSettings wait = new WaitSettings();

    protected FlareWaitingStep(String credentialsId) {
        super(credentialsId);
    }

    /** Seconds to wait at most; 0 waits as long as the job runs. */
    public int getTimeout() {
        return wait.timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        wait.setTimeout(timeout);
    }

    /** Seconds between FLARE's status polls. */
    public int getInterval() {
        return wait.interval;
    }

    @DataBoundSetter
    public void setInterval(int interval) {
        wait.setInterval(interval);
    }

    public boolean isAbortOnInterrupt() {
        return wait.abortOnInterrupt;
    }

    @DataBoundSetter
    public void setAbortOnInterrupt(boolean abortOnInterrupt) {
        wait.abortOnInterrupt = abortOnInterrupt;
    }

    public boolean isPropagate() {
        return wait.propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        wait.propagate = propagate;
    }

    /** Extra metric keys to show besides round, accuracy and loss, comma separated. */
    public String getMetrics() {
        return wait.metrics;
    }

    @DataBoundSetter
    public void setMetrics(String metrics) {
        wait.setMetrics(metrics);
    }

    /** Follows the job; unless {@code propagate} is false, an unsuccessful outcome ends the step. */
    JobReport follow(FlareRun flare, String jobId) throws IOException, InterruptedException {
        JobReport result = wait.follow(flare, jobId, getStudy());
        if (wait.propagate && !result.isSuccess()) {
            String message = Outcomes.describe(result);
            if (result.outcome() == JobOutcome.ABORTED) {
                throw new FlowInterruptedException(Result.ABORTED, false, new FlareJobAborted(message));
            }
            throw new AbortException(message);
        }
        return result;
    }

    /** Why the build was aborted: the FLARE job was. */
    static final class FlareJobAborted extends CauseOfInterruption {
        private static final long serialVersionUID = 1L;
        private final String message;

        FlareJobAborted(String message) {
            this.message = message;
        }

        @Override
        public String getShortDescription() {
            return message;
        }
    }

    /** Checks of the wait options. */
    public abstract static class WaitingDescriptor extends FlareStepDescriptor {
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return Validation.nonNegativeInteger(value);
        }

        public FormValidation doCheckInterval(@QueryParameter String value) {
            return Validation.atLeastOne(value, "second");
        }
    }
}
