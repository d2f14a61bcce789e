package io.jenkins.plugins.nvflare.run;

import io.jenkins.plugins.nvflare.agent.DownloadOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Download, optional archiving, and the step's return value, shared by {@code flareDownload} and the freestyle step. */
final class Downloads {

    private Downloads() {}

    static Map<String, Object> fetch(
            FlareOperations flare, String jobId, String outputDir, boolean force, String study, boolean archive)
            throws IOException, InterruptedException {
        DownloadOutcome outcome = flare.download(jobId, outputDir, force, study);
        List<String> archived = archive ? flare.archive(outcome, study) : List.of();
        return toMap(outcome, archived);
    }

    /** Workspace-relative paths; plain types only, so Pipeline scripts can keep the map. */
    static Map<String, Object> toMap(DownloadOutcome outcome, List<String> archived) {
        Map<String, Object> siteLogs = new LinkedHashMap<>();
        outcome.siteLogs().forEach((site, path) -> siteLogs.put(site, outcome.inWorkspace(path)));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("jobId", outcome.jobId());
        map.put("downloadPath", outcome.jobFolder());
        map.put("globalModel", outcome.inWorkspace(outcome.globalModel()));
        map.put("metricsSummary", outcome.inWorkspace(outcome.metricsSummary()));
        map.put("roundMetrics", outcome.inWorkspace(outcome.roundMetrics()));
        map.put("siteLogs", siteLogs);
        map.put("missing", new ArrayList<>(outcome.missing()));
        map.put("archived", new ArrayList<>(archived));
        return map;
    }
}
