package io.jenkins.plugins.nvflare;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * Freestyle "Submit NVIDIA FLARE job": submits a job folder, by default follows it to its end,
 * and exports the job id as {@code FLARE_JOB_ID} for the build steps after it.
 */
public class FlareSubmitBuilder extends FlareBuilder {

    private final String jobFolder;
    private String submitToken;
    private boolean wait = true;
    private int timeout;
    private int interval = (int) WaitOptions.DEFAULT_INTERVAL_SECONDS;
    private boolean abortOnInterrupt = true;
    private boolean propagate = true;
    private String metrics;

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
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = Math.max(0, timeout);
    }

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

    public String getMetrics() {
        return metrics;
    }

    @DataBoundSetter
    public void setMetrics(String metrics) {
        this.metrics = Util.fixEmptyAndTrim(metrics);
    }

    @Override
    void perform(FlareRun flare, Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException {
        if (jobFolder == null) {
            throw new AbortException("Submit NVIDIA FLARE job: no job folder configured.");
        }
        String token = submitToken != null
                ? env.expand(submitToken)
                : SubmitTokens.forBuild(run.getParent().getFullName(), run.getNumber(), "freestyle:" + jobFolder);
        String jobId = flare.submit(env.expand(jobFolder), getStudy(), token);
        if (!wait) {
            return;
        }
        List<String> extra = metrics == null ? List.of()
                : Arrays.stream(metrics.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        JobResult result = flare.waitFor(jobId, getStudy(), timeout, interval, extra, abortOnInterrupt);
        if (propagate && !result.isSuccess()) {
            run.setResult(Outcomes.result(result.outcome()));
            throw new AbortException(Outcomes.describe(result));
        }
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareSubmitJob")
    public static class DescriptorImpl extends FlareBuilderDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Submit NVIDIA FLARE job";
        }

        public FormValidation doCheckJobFolder(@QueryParameter String value) {
            return Validation.required(value, "The job folder");
        }

        public FormValidation doCheckSubmitToken(@QueryParameter String value) {
            return Validation.submitToken(value);
        }

        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return Validation.nonNegativeInteger(value);
        }
    }
}
