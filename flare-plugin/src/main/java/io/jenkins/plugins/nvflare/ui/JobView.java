package io.jenkins.plugins.nvflare.ui;

import edu.hm.hafner.echarts.JacksonFacade;
import hudson.Util;
import hudson.model.ModelObject;
import hudson.model.Run;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.Metrics;
import io.jenkins.plugins.nvflare.client.job.JobIds;
import io.jenkins.plugins.nvflare.model.JobRecord;
import java.util.Map;
import java.util.SortedMap;
import org.kohsuke.stapler.bind.JavaScriptMethod;

/**
 * One FLARE job's section of the build page ({@code details.jelly}), the view the page fetches again while the build
 * runs ({@code live.jelly}) and its chart of metrics per round. Reads the job's current record on every call, so a
 * page bound to it sees the rounds that arrive later.
 */
public final class JobView implements AsyncTrendChart, ModelObject {

    private final FlareBuildAction action;
    private final String jobId;

    JobView(FlareBuildAction action, String jobId) {
        this.action = action;
        this.jobId = jobId;
    }

    /** The job as the build knows it now. */
    public JobRecord getJob() {
        JobRecord job = action.jobs().job(jobId);
        return job != null ? job : JobRecord.of(jobId, null);
    }

    public String getJobId() {
        return jobId;
    }

    public Run<?, ?> getRun() {
        return action.getRun();
    }

    /** The view's URL below the build's. */
    public String getUrl() {
        return action.getUrlName() + "/job/" + Util.rawEncode(jobId) + "/";
    }

    /** The URL (below Jenkins' root) of an archived file of the build, each path segment encoded. */
    public String artifactUrl(String relativePath) {
        StringBuilder url = new StringBuilder(getRun().getUrl()).append("artifact");
        for (String segment : relativePath.split("/", -1)) {
            url.append('/').append(Util.rawEncode(segment));
        }
        return url.toString();
    }

    /** The job as the breadcrumb names it, below "NVIDIA FLARE": its id's first part, short enough not to be cut. */
    public String getDisplayName() {
        return Messages.JobView_title(JobIds.shortId(jobId));
    }

    /**
     * The status as a person reads it: how the job ended (with FLARE's status where that says more, e.g. "Failed
     * (FINISHED:EXECUTION_EXCEPTION)"), else FLARE's last status, else "Submitted".
     */
    public String getStatusText() {
        JobRecord job = getJob();
        String outcome = job.getOutcome();
        String status = job.getStatus();
        if (outcome == null) {
            return status != null ? status : Messages.JobView_submitted();
        }
        String ended = outcomeText(outcome);
        if (status != null && status.startsWith("FINISHED:") && !status.equals("FINISHED:" + outcome)) {
            return Messages.JobView_withStatus(ended, status);
        }
        return ended;
    }

    private static String outcomeText(String outcome) {
        return switch (outcome) {
            case "COMPLETED" -> Messages.JobView_completed();
            case "FAILED" -> Messages.JobView_failed();
            case "ABORTED" -> Messages.JobView_aborted();
            case "ABANDONED" -> Messages.JobView_abandoned();
            case "TIMEOUT" -> Messages.JobView_timeout();
            default -> outcome;
        };
    }

    /** How long the job ran, e.g. "21 sec"; null when not known. */
    public String getDurationText() {
        Double seconds = getJob().getDurationSeconds();
        return seconds == null ? null : Util.getTimeSpanString(Math.round(seconds * 1000));
    }

    /**
     * The last metrics known, e.g. "accuracy 0.91, loss 0.12": the polls' last, else the last round of the downloaded
     * or polled rounds ("… (round 3)"); null when there are none.
     */
    public String getLastMetricsText() {
        JobRecord job = getJob();
        StringBuilder text = new StringBuilder();
        if (!job.getMetrics().isEmpty()) {
            job.getMetrics().forEach((name, value) -> append(text, name, value));
            return text.toString();
        }
        SortedMap<Integer, Map<String, Double>> rounds = job.getRounds();
        if (rounds.isEmpty()) {
            return null;
        }
        rounds.get(rounds.lastKey()).forEach((name, value) -> append(text, name, Metrics.display(value)));
        return text.length() == 0 ? null : Messages.JobView_ofRound(text, rounds.lastKey());
    }

    private static void append(StringBuilder text, String name, String value) {
        text.append(text.length() == 0 ? "" : ", ").append(name).append(' ').append(value);
    }

    /** Whether the job's result was downloaded and archived here: a site without a log then had none from FLARE. */
    public boolean isArchived() {
        JobRecord job = getJob();
        return !job.getArtifacts().isEmpty() || job.getSites().stream().anyMatch(row -> row.log() != null);
    }

    /** The chart of the job's metrics per round (echarts-api's trend chart, with rounds on its x axis). */
    @JavaScriptMethod
    @Override
    public String getBuildTrendModel() {
        return new JacksonFacade().toJson(RoundChart.of(getJob().getRounds()));
    }

    @Override
    public boolean isTrendVisible() {
        return !getJob().getRounds().isEmpty();
    }
}
