package io.jenkins.plugins.nvflare.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.Validation;
import io.jenkins.plugins.nvflare.run.DownloadOptions;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code flareDownload}: downloads a FLARE job's result into the workspace, finds the global model,
 * metrics and site logs, archives them and fingerprints the model; returns where they are.
 */
public class FlareDownloadStep extends FlareJobStep<Map<String, Object>> {

    private final DownloadOptions options = new DownloadOptions();

    @DataBoundConstructor
    public FlareDownloadStep(String jobId, String credentialsId) {
        super(jobId, credentialsId);
    }

    public String getOutputDir() {
        return options.getOutputDir();
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        options.setOutputDir(outputDir);
    }

    public boolean isForce() {
        return options.isForce();
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        options.setForce(force);
    }

    public boolean isArchive() {
        return options.isArchive();
    }

    @DataBoundSetter
    public void setArchive(boolean archive) {
        options.setArchive(archive);
    }

    @Override
    Map<String, Object> call(FlareOperations flare, Run<?, ?> run, TaskListener listener, EnvVars env)
            throws Exception {
        String id = jobId(env);
        return options.fetch(flare, id, getStudy(), env);
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareDownload")
    public static class DescriptorImpl extends JobStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareDownload";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareDownloadStep_displayName();
        }

        @POST
        public FormValidation doCheckOutputDir(@AncestorInPath Item item, @QueryParameter String value) {
            return Validation.forConfigurers(
                    item, () -> Validation.workspacePath(value, Messages.FieldRules_outputFolder()));
        }
    }
}
