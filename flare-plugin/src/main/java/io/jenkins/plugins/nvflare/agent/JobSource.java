package io.jenkins.plugins.nvflare.agent;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code flareSubmit} submits: a job folder, or a Job Recipe script exported on the agent first
 * ({@code python job.py --export}). Paths are workspace-relative or absolute on the agent.
 *
 * @param python the Python that runs the script; null is {@code python3} on the build's PATH
 */
public record JobSource(String jobFolder, String jobScript, List<String> scriptArgs, String python)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public JobSource {
        scriptArgs =
                new ArrayList<>(scriptArgs == null ? List.of() : scriptArgs); // the channel's filter refuses List.of
    }

    public static JobSource folder(String jobFolder) {
        return new JobSource(jobFolder, null, null, null);
    }

    /** For messages and the submit token's identity. */
    public String describe() {
        return jobScript != null
                ? jobScript + (scriptArgs.isEmpty() ? "" : " " + String.join(" ", scriptArgs))
                : jobFolder;
    }
}
