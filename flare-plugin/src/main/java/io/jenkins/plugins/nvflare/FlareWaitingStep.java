package io.jenkins.plugins.nvflare;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/** A step that can follow a FLARE job to its end: timeout, interval, abort propagation, result mapping. */
public abstract class FlareWaitingStep extends FlareStep {

    private int timeout;
    private int interval = (int) WaitOptions.DEFAULT_INTERVAL_SECONDS;
    private boolean abortOnInterrupt = true;
    private boolean propagate = true;
    private String metrics;

    protected FlareWaitingStep(String credentialsId) {
        super(credentialsId);
    }

    /** Seconds to wait at most; 0 waits as long as the job runs. */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

    /** Seconds between FLARE's status polls. */
    public int getInterval() {
        return interval;
    }

    @DataBoundSetter
    public void setInterval(int interval) {
        this.interval = Math.max(1, interval);
    }

    public boolean isAbortOnInterrupt() {
        return abortOnInterrupt;
    }

    @DataBoundSetter
    public void setAbortOnInterrupt(boolean abortOnInterrupt) {
        this.abortOnInterrupt = abortOnInterrupt;
    }

    public boolean isPropagate() {
        return propagate;
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        this.propagate = propagate;
    }

    /** Extra metric keys to show besides round, accuracy and loss, comma separated. */
    public String getMetrics() {
        return metrics;
    }

    @DataBoundSetter
    public void setMetrics(String metrics) {
        this.metrics = metrics == null || metrics.isBlank() ? null : metrics.trim();
    }

    List<String> extraMetrics() {
        return metrics == null ? List.of() : Arrays.stream(metrics.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Follows the job; unless {@code propagate} is false, an unsuccessful outcome ends the step. */
    JobResult follow(FlareRun flare, String jobId, TaskListener listener) throws IOException, InterruptedException {
        JobResult result = flare.waitFor(jobId, getStudy(), timeout, interval, extraMetrics(), abortOnInterrupt);
        if (propagate && !result.isSuccess()) {
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
            FormValidation v = Validation.nonNegativeInteger(value);
            return v.kind == FormValidation.Kind.OK && "0".equals(value == null ? null : value.trim())
                    ? FormValidation.error("Must be at least 1 second.")
                    : v;
        }
    }
}
