package io.jenkins.plugins.nvflare.ui;

import edu.hm.hafner.echarts.JacksonFacade;
import hudson.Util;
import hudson.model.Run;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import io.jenkins.plugins.nvflare.model.JobRecord;
import org.kohsuke.stapler.bind.JavaScriptMethod;

/**
 * One FLARE job's section of the build page ({@code details.jelly}), the view the page fetches again while the build
 * runs ({@code live.jelly}) and its chart of metrics per round. Reads the job's current record on every call, so a
 * page bound to it sees the rounds that arrive later.
 */
public final class JobView implements AsyncTrendChart {

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
