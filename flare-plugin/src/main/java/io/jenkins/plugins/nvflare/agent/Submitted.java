package io.jenkins.plugins.nvflare.agent;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a submit gave.
 *
 * @param submitToken the token it was sent with; null: none
 * @param jobName the name in the job folder's {@code meta.json}, for the build page before the first poll; null if
 *     it has none
 */
public record Submitted(String jobId, String submitToken, String jobName) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
