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

/**
 * {@code flareStatus}: a FLARE job's metadata ({@code nvflare job meta}) as a map: {@code jobId}, {@code name},
 * {@code study}, {@code status}, {@code submitTime}, {@code startTime}, {@code duration}, {@code submitter} and
 * {@code sites} (each site's deployment result).
 */
public class FlareStatusStep extends FlareJobStep<Map<String, Object>> {

    @DataBoundConstructor
    public FlareStatusStep(String jobId, String credentialsId) {
        super(jobId, credentialsId);
    }

    @Override
    Map<String, Object> call(FlareOperations flare, Run<?, ?> run, TaskListener listener, EnvVars env)
            throws Exception {
        Map<String, Object> status = flare.status(jobId(env), getStudy());
        listener.getLogger()
                .println(
                        Messages.FlareStatusStep_status(status.get("jobId"), status.get("name"), status.get("status")));
        return status;
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareStatus")
    public static class DescriptorImpl extends JobStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareStatus";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareStatusStep_displayName();
        }
    }
}
