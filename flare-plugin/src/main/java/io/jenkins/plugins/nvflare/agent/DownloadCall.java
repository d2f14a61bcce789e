package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.DownloadRequest;
import io.jenkins.plugins.nvflare.client.DownloadResult;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.artifact.ArtifactDiscovery;
import io.jenkins.plugins.nvflare.client.artifact.DiscoveredArtifacts;
import io.jenkins.plugins.nvflare.client.artifact.RoundMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/** Downloads a job's result into the workspace and finds its artifacts, the global model's MD5 and its rounds. */
public final class DownloadCall extends JobCall<DownloadOutcome> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String outputDir;
    private final boolean force;

    public DownloadCall(AgentContext context, String jobId, String outputDir, boolean force, String study) {
        super(context, jobId, study);
        this.outputDir = outputDir;
        this.force = force;
    }

    @Override
    protected DownloadOutcome call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, IOException, InterruptedException {
        Path ws = workspace.toAbsolutePath().normalize();
        Path output = WorkspacePaths.inside(ws, outputDir, Messages.FieldRules_outputFolder());
        Files.createDirectories(output);
        DownloadResult result = client.download(jobId, new DownloadRequest(output, force, study));
        Path jobRoot = jobRoot(result, output);
        DiscoveredArtifacts artifacts = ArtifactDiscovery.discover(jobRoot);
        String md5 = artifacts.globalModel() == null ? null : FileDigests.md5(jobRoot.resolve(artifacts.globalModel()));
        String rootRelative = ws.relativize(jobRoot).toString().replace('\\', '/');
        return DownloadOutcome.of(jobId, rootRelative, artifacts, md5, rounds(jobRoot, artifacts, log));
    }

    /** Where FLARE put the job: its reported path when that is inside the output folder, else {@code <output>/<job id>}. */
    private Path jobRoot(DownloadResult result, Path output) {
        if (result.downloadPath() != null) {
            Path reported = Path.of(result.downloadPath()).toAbsolutePath().normalize();
            if (reported.startsWith(output) && Files.isDirectory(reported, LinkOption.NOFOLLOW_LINKS)) {
                return reported;
            }
        }
        return output.resolve(jobId);
    }

    /** The chart's data; a file that cannot be read costs the chart, not the download. */
    private static Map<Integer, Map<String, Double>> rounds(
            Path jobRoot, DiscoveredArtifacts artifacts, PrintStream log) {
        if (artifacts.roundMetrics() == null) {
            return Map.of();
        }
        try {
            return RoundMetrics.read(jobRoot.resolve(artifacts.roundMetrics()));
        } catch (IOException e) {
            log.println(Messages.DownloadCall_roundsUnreadable(artifacts.roundMetrics(), e.getMessage()));
            return Map.of();
        }
    }
}
