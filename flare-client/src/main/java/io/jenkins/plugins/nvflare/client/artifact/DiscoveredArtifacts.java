package io.jenkins.plugins.nvflare.client.artifact;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ArtifactDiscovery} found, as paths relative to the download root with {@code '/'}
 * separators (ready to archive); {@code null} where nothing was found.
 *
 * @param globalModel the global model file
 * @param metricsSummary {@code metrics_summary.json}
 * @param roundMetrics {@code round_metrics.jsonl}
 * @param siteLogs per-site log file by site name, in site-name order
 */
public record DiscoveredArtifacts(
        String globalModel, String metricsSummary, String roundMetrics, Map<String, String> siteLogs)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public DiscoveredArtifacts {
        siteLogs = siteLogs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(siteLogs));
    }

    /** Every discovered path, model first. */
    public List<String> allPaths() {
        List<String> paths = new ArrayList<>();
        if (globalModel != null) {
            paths.add(globalModel);
        }
        if (metricsSummary != null) {
            paths.add(metricsSummary);
        }
        if (roundMetrics != null) {
            paths.add(roundMetrics);
        }
        paths.addAll(siteLogs.values());
        return paths;
    }

    /** The CLI's expected artifacts that were not found: {@code global_model}, {@code metrics_summary}, {@code client_logs}. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (globalModel == null) {
            missing.add("global_model");
        }
        if (metricsSummary == null) {
            missing.add("metrics_summary");
        }
        if (siteLogs.isEmpty()) {
            missing.add("client_logs");
        }
        return missing;
    }
}
