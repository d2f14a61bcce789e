package io.jenkins.plugins.nvflare.agent;

import java.io.Serial;
import java.io.Serializable;

/**
 * What a submit gave.
 *
 * @param submitToken the token it was sent with; null: none
 */
public record Submitted(String jobId, String submitToken) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
