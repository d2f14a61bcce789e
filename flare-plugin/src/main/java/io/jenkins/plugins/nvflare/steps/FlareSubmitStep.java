package io.jenkins.plugins.nvflare.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.Validation;
import io.jenkins.plugins.nvflare.agent.JobSource;
import io.jenkins.plugins.nvflare.steps.follow.FollowExecution;
import java.util.Arrays;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code flareSubmit}: submits a job folder from the workspace and returns the FLARE job id. */
public class FlareSubmitStep extends FlareWaitingStep {

    private final String jobFolder;
    private String submitToken;
    private boolean wait;
    private String jobScript;
    private String scriptArgs;
    private String python;

    @DataBoundConstructor
    public FlareSubmitStep(String jobFolder, String credentialsId) {
        super(credentialsId);
        this.jobFolder = Util.fixEmptyAndTrim(jobFolder);
    }

    public String getJobFolder() {
        return jobFolder;
    }

    /** A Job Recipe script ({@code job.py}) to export on the agent and submit, instead of {@link #getJobFolder()}. */
    public String getJobScript() {
        return jobScript;
    }

    @DataBoundSetter
    public void setJobScript(String jobScript) {
        this.jobScript = Util.fixEmptyAndTrim(jobScript);
    }

    /** Arguments for the job script, as on a command line (quotes group words). */
    public String getScriptArgs() {
        return scriptArgs;
    }

    @DataBoundSetter
    public void setScriptArgs(String scriptArgs) {
        this.scriptArgs = Util.fixEmptyAndTrim(scriptArgs);
    }

    /** The Python that runs the job script; null is {@code python3} on the build's PATH. */
    public String getPython() {
        return python;
    }

    @DataBoundSetter
    public void setPython(String python) {
        this.python = Util.fixEmptyAndTrim(python);
    }

    /** The submit token; null derives one from the build and the step. */
    public String getSubmitToken() {
        return submitToken;
    }

    @DataBoundSetter
    public void setSubmitToken(String submitToken) {
        this.submitToken = Util.fixEmptyAndTrim(submitToken);
    }

    /** Also follow the job to its end, like {@code flareWait}. */
    public boolean isWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        EnvVars env = context.get(EnvVars.class);
        JobSource source = new JobSource(
                expand(env, jobFolder),
                expand(env, jobScript),
                scriptArgs == null ? null : Arrays.asList(Util.tokenize(env.expand(scriptArgs))),
                expand(env, python));
        return new FollowExecution(context, plan(env, true, source, submitToken, null, wait));
    }

    private static String expand(EnvVars env, String value) {
        return value == null ? null : env.expand(value);
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareSubmit")
    public static class DescriptorImpl extends WaitingDescriptor {
        @Override
        public String getFunctionName() {
            return "flareSubmit";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareSubmitStep_displayName();
        }

        @POST
        public FormValidation doCheckJobFolder(
                @AncestorInPath Item item, @QueryParameter String value, @QueryParameter String jobScript) {
            return Validation.forConfigurers(item, () -> {
                if (Util.fixEmptyAndTrim(value) != null && Util.fixEmptyAndTrim(jobScript) != null) {
                    return FormValidation.error(Messages.FlareSubmitStep_folderOrScript());
                }
                // Empty is no error: a form shows none before the user typed anything (the step says it at run time).
                return FormValidation.ok();
            });
        }

        @POST
        public FormValidation doCheckSubmitToken(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(item, () -> Validation.submitToken(value));
        }
    }
}
