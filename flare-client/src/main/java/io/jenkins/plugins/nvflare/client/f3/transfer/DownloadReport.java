package io.jenkins.plugins.nvflare.client.f3.transfer;

import io.jenkins.plugins.nvflare.client.DownloadResult;
import io.jenkins.plugins.nvflare.client.artifact.ArtifactDiscovery;
import io.jenkins.plugins.nvflare.client.artifact.DiscoveredArtifacts;
import io.jenkins.plugins.nvflare.client.cli.Results;
import io.jenkins.plugins.nvflare.client.f3.job.JobOperations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code data} that {@code nvflare job download --format json} prints for a downloaded folder
 * (cmd_job_download, job_cli.py:1750-1769, with _discover_job_download_artifacts :1245-1285: absolute
 * paths, {@code client_logs} as a site → path map), mapped by the CLI transport's own {@link Results}
 * so both transports return the same {@link DownloadResult}.
 */
public final class DownloadReport {
    private DownloadReport() {}

    public static DownloadResult of(String jobId, Path folder) throws IOException {
        String path = folder.toAbsolutePath().toString();
        DiscoveredArtifacts found = ArtifactDiscovery.discoverAsCli(folder);
        Map<String, Object> artifacts = new LinkedHashMap<>();
        putAbsolute(artifacts, "metrics_summary", folder, found.metricsSummary());
        putAbsolute(artifacts, "round_metrics", folder, found.roundMetrics());
        putAbsolute(artifacts, "global_model", folder, found.globalModel());
        if (!found.siteLogs().isEmpty()) {
            Map<String, Object> logs = new LinkedHashMap<>();
            found.siteLogs().forEach((site, rel) -> logs.put(site, absolute(folder, rel)));
            artifacts.put("client_logs", logs);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", jobId);
        data.put("download_path", path);
        data.put("path", path);
        data.put("artifact_discovery", "completed");
        data.put("artifacts", artifacts);
        data.put("missing_artifacts", found.missing());
        return Results.download(JobOperations.MAPPER.valueToTree(data));
    }

    private static void putAbsolute(Map<String, Object> artifacts, String key, Path folder, String relative) {
        if (relative != null) {
            artifacts.put(key, absolute(folder, relative));
        }
    }

    private static String absolute(Path folder, String relative) {
        return folder.toAbsolutePath().resolve(relative).toString();
    }
}
