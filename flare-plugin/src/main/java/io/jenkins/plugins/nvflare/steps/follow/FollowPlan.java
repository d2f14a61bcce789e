package io.jenkins.plugins.nvflare.steps.follow;

import hudson.AbortException;
import hudson.EnvVars;
import io.jenkins.plugins.nvflare.FlareGlobalConfiguration;
import io.jenkins.plugins.nvflare.FlareSettings;
import io.jenkins.plugins.nvflare.agent.JobSource;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a durable {@code flareSubmit} or {@code flareWait} does, fixed when the step starts. It is saved with the
 * Pipeline's state ({@code program.dat}), so it holds no secret and no environment: the kit is read from its
 * credential and the settings are resolved against the step's environment again for every call.
 *
 * @param submit whether the step submits {@code source} first ({@code flareSubmit}); else it follows {@code jobId}
 * @param submitToken the user's submit token; null derives one ({@link SubmitIdentity})
 * @param follow whether the step follows the job to its end
 * @param timeoutSeconds the wait's limit in wall time since the step started; 0: none
 * @param extraMetrics metric keys to show besides round, accuracy and loss
 */
public record FollowPlan(
        boolean submit,
        String credentialsId,
        String transport,
        String nvflare,
        Double connectTimeout,
        String study,
        JobSource source,
        String submitToken,
        String jobId,
        boolean follow,
        long timeoutSeconds,
        long intervalSeconds,
        boolean abortOnInterrupt,
        boolean propagate,
        List<String> extraMetrics)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public FollowPlan {
        extraMetrics = new ArrayList<>(extraMetrics == null ? List.of() : extraMetrics);
    }

    /** {@code flareSubmit} or {@code flareWait}, for messages. */
    String stepName() {
        return submit ? "flareSubmit" : "flareWait";
    }

    /** The settings for one call, against the step's current environment. */
    FlareSettings settings(EnvVars env) throws AbortException {
        return FlareGlobalConfiguration.get().settings(transport, nvflare, connectTimeout, env);
    }

    /** A submit needs exactly one of a job folder and a job script. */
    boolean hasOneSource() {
        return source != null && (source.jobFolder() == null) != (source.jobScript() == null);
    }
}
