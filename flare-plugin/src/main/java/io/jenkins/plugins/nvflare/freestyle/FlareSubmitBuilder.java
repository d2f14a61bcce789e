package io.jenkins.plugins.nvflare.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Executor;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.Validation;
import io.jenkins.plugins.nvflare.agent.JobReport;
import io.jenkins.plugins.nvflare.agent.JobSource;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.run.BuildRecorder;
import io.jenkins.plugins.nvflare.run.FlareJobAborted;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import io.jenkins.plugins.nvflare.run.Outcomes;
import io.jenkins.plugins.nvflare.run.WaitSettings;
import io.jenkins.plugins.nvflare.steps.FlareSubmitStep;
import java.io.IOException;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle "Submit NVIDIA FLARE job": submits a job folder, by default follows it to its end,
 * and exports the job id as {@code FLARE_JOB_ID} for the build steps after it.
 */
public class FlareSubmitBuilder extends FlareBuilder {

    private final String jobFolder;
    private String submitToken;
    private boolean wait = true;
    private final WaitSettings waitSettings = new WaitSettings();

    @DataBoundConstructor
    public FlareSubmitBuilder(String jobFolder, String credentialsId) {
        super(credentialsId);
        this.jobFolder = Util.fixEmptyAndTrim(jobFolder);
    }

    public String getJobFolder() {
        return jobFolder;
    }

    public String getSubmitToken() {
        return submitToken;
    }

    @DataBoundSetter
    public void setSubmitToken(String submitToken) {
        this.submitToken = Util.fixEmptyAndTrim(submitToken);
    }

    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public int getTimeout() {
        return waitSettings.getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        waitSettings.setTimeout(timeout);
    }

    public int getInterval() {
        return waitSettings.getInterval();
    }

    @DataBoundSetter
    public void setInterval(int interval) {
        waitSettings.setInterval(interval);
    }

    public boolean isAbortOnInterrupt() {
        return waitSettings.isAbortOnInterrupt();
    }

    @DataBoundSetter
    public void setAbortOnInterrupt(boolean abortOnInterrupt) {
        waitSettings.setAbortOnInterrupt(abortOnInterrupt);
    }

    public boolean isPropagate() {
        return waitSettings.isPropagate();
    }

    @DataBoundSetter
    public void setPropagate(boolean propagate) {
        waitSettings.setPropagate(propagate);
    }

    public String getMetrics() {
        return waitSettings.getMetrics();
    }

    @DataBoundSetter
    public void setMetrics(String metrics) {
        waitSettings.setMetrics(metrics);
    }

    @Override
    void perform(FlareOperations flare, Run<?, ?> run, EnvVars env, TaskListener listener)
            throws InterruptedException, IOException {
        if (jobFolder == null) {
            throw new AbortException(Messages.FlareSubmitBuilder_noJobFolder());
        }
        // Two build steps submitting the same folder in one build are two jobs: the token counts the earlier ones.
        String identity = "freestyle / source " + jobFolder + " / study " + getStudy();
        String token = submitToken != null ? env.expand(submitToken) : BuildRecorder.nextSubmitToken(run, identity);
        String jobId =
                flare.submit(JobSource.folder(env.expand(jobFolder)), getStudy(), token, submitToken == null, identity);
        if (!wait) {
            return;
        }
        JobReport result = waitSettings.follow(flare, jobId, getStudy());
        if (!waitSettings.isPropagate() || result.isSuccess()) {
            return;
        }
        String message = Outcomes.describe(result);
        if (result.outcome() == JobOutcome.ABORTED) {
            // A freestyle build ends ABORTED only through an interrupt; the cause shows on the build page.
            Executor executor = Executor.currentExecutor();
            if (executor != null) {
                executor.interrupt(Result.ABORTED, new FlareJobAborted(message));
            }
            throw new InterruptedException(message);
        }
        throw new AbortException(message);
    }

    /** Descriptor. */
    @Extension
    public static class DescriptorImpl extends FlareBuilderDescriptor {
        public DescriptorImpl() {
            super(
                    FlareSubmitStep.class,
                    "jobFolder",
                    "submitToken",
                    "wait",
                    "timeout",
                    "interval",
                    "metrics",
                    "abortOnInterrupt",
                    "propagate");
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareSubmitBuilder_displayName();
        }

        @POST
        public FormValidation doCheckSubmitToken(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.submitToken(value));
        }

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
