package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Follows the job to its end in one call, saying on the agent what changes as FLARE reports it ({@link ProgressLog}). */
public final class MonitorCall extends JobCall<JobReport> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long timeoutSeconds;
    private final long intervalSeconds;
    private final List<String> extraMetrics;

    public MonitorCall(
            AgentContext context,
            String jobId,
            String study,
            long timeoutSeconds,
            long intervalSeconds,
            List<String> extraMetrics) {
        super(context, jobId, study);
        this.timeoutSeconds = timeoutSeconds;
        this.intervalSeconds = intervalSeconds;
        this.extraMetrics = new ArrayList<>(extraMetrics);
    }

    @Override
    protected JobReport call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, InterruptedException {
        WaitOptions options = new WaitOptions(study, timeoutSeconds, intervalSeconds, extraMetrics);
        ProgressLog progress = new ProgressLog();
        return JobReport.of(client.monitor(jobId, options, event -> {
            progress.lines(Progress.of(event), System.currentTimeMillis()).forEach(log::println);
            log.flush();
        }));
    }
}
