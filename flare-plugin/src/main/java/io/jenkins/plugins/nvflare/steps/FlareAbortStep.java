package io.jenkins.plugins.nvflare.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.run.FlareOperations;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code flareAbort}: aborts a FLARE job ({@code nvflare job abort}), e.g. in {@code post { aborted { ... } }}; returns
 * {@code jobId} and FLARE's {@code status}. A job that already finished is left as it is.
 */
public class FlareAbortStep extends FlareJobStep<Map<String, Object>> {

    @DataBoundConstructor
    public FlareAbortStep(String jobId, String credentialsId) {
        super(jobId, credentialsId);
    }

    @Override
    Map<String, Object> call(FlareOperations flare, Run<?, ?> run, TaskListener listener, EnvVars env)
            throws Exception {
        String id = jobId(env);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jobId", id);
        String status = flare.abort(id, getStudy());
        answer.put("status", status);
        flare.recorder().abortRequested(id, status);
        return answer;
    }

    /** Descriptor. */
    @Extension
    @Symbol("flareAbort")
    public static class DescriptorImpl extends JobStepDescriptor {
        @Override
        public String getFunctionName() {
            return "flareAbort";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FlareAbortStep_displayName();
        }
    }
}
