package io.jenkins.plugins.nvflare.client;

import io.jenkins.plugins.nvflare.client.job.JobFolder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to submit.
 *
 * @param jobFolder the job folder (or a folder holding exactly one job folder, as the CLI resolves it)
 * @param study the study to submit to; {@code null} means FLARE's {@code default}
 * @param submitToken retry-safe submit token, or {@code null} for none (see {@code SubmitTokens})
 * @param checked {@code jobFolder} as {@code JobFolders.inspect} checked and walked it, so the client checks, hashes
 *     and zips that value instead of walking the folder again; {@code null} when the caller did not check it
 */
public record SubmitRequest(Path jobFolder, String study, String submitToken, JobFolder checked) {
    public SubmitRequest {
        Objects.requireNonNull(jobFolder, "jobFolder");
        if (checked != null && !checked.given().equals(jobFolder)) {
            throw new IllegalArgumentException("checked is " + checked.given() + ", not " + jobFolder);
        }
    }

    /** A folder the client checks and walks itself. */
    public SubmitRequest(Path jobFolder, String study, String submitToken) {
        this(jobFolder, study, submitToken, null);
    }

    /** A folder the caller checked already ({@code JobFolders.inspect}). */
    public static SubmitRequest of(JobFolder checked, String study, String submitToken) {
        return new SubmitRequest(checked.given(), study, submitToken, checked);
    }
}
