package io.jenkins.plugins.nvflare.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where to download a job's result.
 *
 * @param outputDir parent folder; the job lands in {@code outputDir/<job_id>}
 * @param force replace an existing local download folder
 * @param study the job's study; {@code null} means {@code default}
 */
public record DownloadRequest(Path outputDir, boolean force, String study) {
    public DownloadRequest {
        Objects.requireNonNull(outputDir, "outputDir");
    }
}
