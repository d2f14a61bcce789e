package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.WaitOptions;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One status poll of a job for a step that follows it across restarts: a monitor run of FLARE's shortest
 * timeout (one {@code get_job_meta}, and the job's stats while it runs, then a terminal or timeout event), so
 * the call ends within seconds on either transport and no thread, remoting request or kit is held between polls.
 */
public final class PollCall extends JobCall<PollAnswer> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> extraMetrics;
    private final boolean withSites;

    /** {@code withSites}: also ask for the job's sites (one {@code job meta}) once the job has left the queue. */
    public PollCall(AgentContext context, String jobId, String study, List<String> extraMetrics, boolean withSites) {
        super(context, jobId, study);
        this.extraMetrics = new ArrayList<>(extraMetrics);
        this.withSites = withSites;
    }

    @Override
    protected PollAnswer call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, InterruptedException {
        List<Progress> events = new ArrayList<>();
        JobResult result = client.monitor(
                jobId, new WaitOptions(study, 1, 1, extraMetrics), event -> events.add(Progress.of(event)));
        JobReport report = JobReport.of(result);
        return new PollAnswer(events, report, withSites && deployed(report) ? sites(client) : Map.of());
    }

    /** Sites are known once FLARE deployed the job: it runs or has ended (it may never have run). */
    private static boolean deployed(JobReport report) {
        String status = report.jobStatus();
        return status != null && (status.startsWith("RUNNING") || status.startsWith("FINISHED"));
    }

    /** The site table is extra: a meta call that fails costs the table, not the poll. */
    private LinkedHashMap<String, Object> sites(FlareClient client) throws InterruptedException {
        try {
            return JobMaps.sites(client.meta(jobId, study));
        } catch (FlareException e) {
            return new LinkedHashMap<>();
        }
    }
}
