package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A downloaded job result ({@code nvflare job download}).
 *
 * @param jobId the job
 * @param downloadPath absolute path of the local job folder
 * @param cliArtifacts artifacts the CLI itself discovered (absolute paths), as it reported them
 * @param missingArtifacts artifact kinds the CLI did not find (e.g. {@code global_model})
 */
public record DownloadResult(
        String jobId, String downloadPath, Map<String, Object> cliArtifacts, List<String> missingArtifacts)
        implements Serializable {

    public DownloadResult {
        cliArtifacts = Immutables.map(cliArtifacts);
        missingArtifacts = Immutables.list(missingArtifacts);
    }
}
