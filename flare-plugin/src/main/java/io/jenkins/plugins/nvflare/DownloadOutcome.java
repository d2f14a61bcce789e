package io.jenkins.plugins.nvflare;

import io.jenkins.plugins.nvflare.client.artifact.DiscoveredArtifacts;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * A finished download: where the job folder is in the workspace, what was discovered there
 * (paths relative to that folder), what the CLI reported missing, and the global model's MD5 for
 * its fingerprint.
 */
record DownloadOutcome(
        String jobId, String jobFolder, DiscoveredArtifacts artifacts, List<String> cliMissing, String globalModelMd5)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    DownloadOutcome {
        cliMissing = cliMissing == null ? List.of() : List.copyOf(cliMissing);
    }

    /** A discovered path as a workspace-relative path. */
    String inWorkspace(String relative) {
        return relative == null ? null : jobFolder.isEmpty() ? relative : jobFolder + "/" + relative;
    }
}
