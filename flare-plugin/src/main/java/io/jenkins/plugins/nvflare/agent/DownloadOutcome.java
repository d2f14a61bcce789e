package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.artifact.DiscoveredArtifacts;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finished download: where the job folder is in the workspace, what was discovered there (paths
 * relative to that folder) and the global model's MD5 for its fingerprint. Made of JDK types only,
 * since it comes back over the agent channel (see {@link JobReport}).
 *
 * @param artifacts every discovered path, model first
 * @param missing the CLI's expected artifacts that were not found
 * @param rounds round → metric → value from {@code round_metrics.jsonl}, empty without it
 */
public record DownloadOutcome(
        String jobId,
        String jobFolder,
        String globalModel,
        String metricsSummary,
        String roundMetrics,
        Map<String, String> siteLogs,
        List<String> artifacts,
        List<String> missing,
        String globalModelMd5,
        Map<Integer, Map<String, Double>> rounds)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    public DownloadOutcome {
        siteLogs =
                Collections.unmodifiableMap(siteLogs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(siteLogs));
        artifacts = Collections.unmodifiableList(artifacts == null ? new ArrayList<>() : new ArrayList<>(artifacts));
        missing = Collections.unmodifiableList(missing == null ? new ArrayList<>() : new ArrayList<>(missing));
        TreeMap<Integer, Map<String, Double>> copy = new TreeMap<>();
        if (rounds != null) {
            rounds.forEach((round, values) -> copy.put(round, new LinkedHashMap<>(values)));
        }
        rounds = copy;
    }

    public static DownloadOutcome of(
            String jobId,
            String jobFolder,
            DiscoveredArtifacts a,
            String globalModelMd5,
            Map<Integer, Map<String, Double>> rounds) {
        return new DownloadOutcome(
                jobId,
                jobFolder,
                a.globalModel(),
                a.metricsSummary(),
                a.roundMetrics(),
                a.siteLogs(),
                a.allPaths(),
                a.missing(),
                globalModelMd5,
                rounds);
    }

    /** A discovered path as a workspace-relative path. */
    public String inWorkspace(String relative) {
        return relative == null ? null : jobFolder.isEmpty() ? relative : jobFolder + "/" + relative;
    }
}
