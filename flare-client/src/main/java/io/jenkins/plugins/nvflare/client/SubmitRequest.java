package io.jenkins.plugins.nvflare.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to submit.
 *
 * @param jobFolder the job folder (or a folder holding exactly one job folder, as the CLI resolves it)
 * @param study the study to submit to; {@code null} means FLARE's {@code default}
 * @param submitToken retry-safe submit token, or {@code null} for none (see {@code SubmitTokens})
 */
public record SubmitRequest(Path jobFolder, String study, String submitToken) {
    public SubmitRequest {
        Objects.requireNonNull(jobFolder, "jobFolder");
    }
}
