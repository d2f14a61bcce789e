package io.jenkins.plugins.nvflare;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import edu.hm.hafner.echarts.JacksonFacade;
import io.jenkins.plugins.echarts.AsyncTrendChart;
import io.jenkins.plugins.nvflare.client.artifact.RoundMetrics;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.bind.JavaScriptMethod;

/**
 * One FLARE job of a build, on the build page: id, study, status, duration, last metrics, a chart of
 * its metrics per round, its sites and the archived artifacts. The latest one also exports {@code FLARE_JOB_ID} to later build steps.
 * Holds nothing secret (it is saved in {@code build.xml}). Parallel branches of one build may record
 * jobs at the same time, so the state changes under the action's lock.
 */
public final class FlareJobAction implements RunAction2, EnvironmentContributingAction, AsyncTrendChart {

    /** The environment variable later build steps read the job id from. */
    public static final String JOB_ID_VARIABLE = "FLARE_JOB_ID";

    private final String jobId;
    private String study;
    private String jobName;
    private String status;
    private String outcome;
    private Double durationSeconds;
    private Map<String, String> metrics = new LinkedHashMap<>();
    private List<String> artifacts = new ArrayList<>();
    private String message;
    /** Where in the Pipeline the job was submitted from ({@link SubmitIdentity}); null for other steps. */
    private String submitIdentity;
    /** Round → metric → value, from the polls while the job ran and from {@code round_metrics.jsonl} after a download. */
    private TreeMap<Integer, Map<String, Double>> rounds = new TreeMap<>();
    /** Site → its deployment result ({@code flareStatus}), null when not known. */
    private Map<String, String> sites = new TreeMap<>();
    /** Site → its archived log, relative to the build's artifacts. */
    private Map<String, String> siteLogs = new TreeMap<>();
    private transient Run<?, ?> run;

    FlareJobAction(String jobId, String study) {
        this.jobId = jobId;
        this.study = study;
    }

    /** The action for {@code jobId} on {@code run}, added if missing. */
    static FlareJobAction of(Run<?, ?> run, String jobId, String study) {
        // Look-up and add as one step: two branches following the same job get one action.
        synchronized (run) {
            FlareJobAction action = find(run, jobId);
            if (action != null) {
                action.setStudy(study);
                return action;
            }
            action = new FlareJobAction(jobId, study);
            run.addAction(action);
            return action;
        }
    }

    /** The action for {@code jobId} on {@code run}, or null: steps about another build's job add nothing here. */
    static FlareJobAction find(Run<?, ?> run, String jobId) {
        synchronized (run) {
            return run.getActions(FlareJobAction.class).stream().filter(a -> a.jobId.equals(jobId)).findFirst().orElse(null);
        }
    }

    private synchronized void setStudy(String study) {
        if (study != null) {
            this.study = study;
        }
    }

    /**
     * How many jobs this build has submitted so far from {@code identity}, counting only submits FLARE answered:
     * a submit whose answer was lost is not counted, so its retry gets the same token and FLARE's job.
     */
    static int submitsFrom(Run<?, ?> run, String identity) {
        synchronized (run) {
            int n = 0;
            for (FlareJobAction action : run.getActions(FlareJobAction.class)) {
                synchronized (action) {
                    if (identity.equals(action.submitIdentity)) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    synchronized void recordSubmit(String identity) {
        if (identity != null) {
            submitIdentity = identity;
        }
    }

    synchronized void recordResult(JobReport result) {
        status = result.jobStatus();
        outcome = result.outcome().name();
        durationSeconds = result.durationSeconds();
        jobName = result.jobName() != null ? result.jobName() : jobName;
        study = result.study() != null ? result.study() : study;
        message = result.isSuccess() ? null : result.message();
        Map<String, String> m = new LinkedHashMap<>();
        result.metrics().forEach((k, v) -> m.put(k, String.valueOf(v)));
        if (!m.isEmpty()) {
            metrics = m;
        }
    }

    /** The build was aborted while following the job; {@code aborted}: the FLARE job was aborted with it. */
    synchronized void recordInterrupted(boolean aborted) {
        if (aborted) {
            outcome = "ABORTED";
        }
        message = aborted ? "Aborted with the Jenkins build." : "The Jenkins build was aborted; the FLARE job was left running.";
    }

    /** {@code flareAbort} asked FLARE to abort the job. */
    synchronized void recordAbortRequested() {
        message = "Abort requested (flareAbort).";
    }

    /** {@code flareDelete} deleted the job from FLARE; {@code lastStatus}: its status just before. */
    synchronized void recordDeleted(String lastStatus, boolean aborted) {
        if (lastStatus != null) {
            status = lastStatus;
        }
        if (aborted) {
            outcome = "ABORTED";
        }
        message = aborted ? "Aborted and deleted from FLARE (flareDelete force: true)." : "Deleted from FLARE (flareDelete).";
    }

    synchronized void recordArtifacts(List<String> archived) {
        artifacts = new ArrayList<>(archived);
    }

    /**
     * A poll of the running job: its status, name and last metrics; with a {@code round}, the metrics' numbers become
     * that round's point of the chart (at most {@link RoundMetrics#MAX_ROUNDS} rounds of {@link RoundMetrics#MAX_NAMES}
     * metrics are kept). Whether anything changed.
     */
    synchronized boolean recordProgress(String jobStatus, String name, Map<String, Object> metrics) {
        boolean changed = false;
        if (jobStatus != null && !jobStatus.equals(status)) {
            status = jobStatus; // the page shows the running job's status, not "submitted", until it ends
            changed = true;
        }
        if (name != null && !name.equals(jobName)) {
            jobName = name;
            changed = true;
        }
        Map<String, String> last = new LinkedHashMap<>();
        metrics.forEach((k, v) -> last.put(k, String.valueOf(v)));
        if (!last.isEmpty() && !last.equals(this.metrics)) {
            this.metrics = last;
            changed = true;
        }
        return recordRound(metrics) || changed;
    }

    private boolean recordRound(Map<String, Object> metrics) {
        if (!(metrics.get("round") instanceof Number round)) {
            return false;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            if (!name.equals("round") && value instanceof Number n && Double.isFinite(n.doubleValue())
                    && values.size() < RoundMetrics.MAX_NAMES) {
                values.put(name, n.doubleValue());
            }
        });
        if (values.isEmpty() || values.equals(rounds.get(round.intValue()))) {
            return false;
        }
        rounds.put(round.intValue(), values);
        while (rounds.size() > RoundMetrics.MAX_ROUNDS) {
            rounds.pollFirstEntry();
        }
        return true;
    }

    /** The rounds of a downloaded {@code round_metrics.jsonl}: FLARE's own record replaces what the polls saw. */
    synchronized void recordRounds(Map<Integer, ? extends Map<String, Double>> downloaded) {
        if (!downloaded.isEmpty()) {
            TreeMap<Integer, Map<String, Double>> copy = new TreeMap<>();
            downloaded.forEach((round, values) -> copy.put(round, new LinkedHashMap<>(values)));
            rounds = copy;
        }
    }

    /** Each site's deployment result, from the job's metadata. */
    synchronized void recordSites(Map<String, Object> deployResults) {
        deployResults.forEach((site, result) -> sites.put(site, result == null ? null : result.toString()));
    }

    /** Each site's archived log (its path relative to the build's artifacts). */
    synchronized void recordSiteLogs(Map<String, String> archivedLogs) {
        siteLogs.putAll(archivedLogs);
    }

    /** Round → metric → value, in round order. */
    public synchronized SortedMap<Integer, Map<String, Double>> getRounds() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(rounds));
    }

    /** The sites known from the job's metadata or its archived logs, with what is known of each. */
    public synchronized List<SiteRow> getSites() {
        TreeMap<String, SiteRow> rows = new TreeMap<>();
        sites.forEach((site, status) -> rows.put(site, new SiteRow(site, status, siteLogs.get(site))));
        siteLogs.forEach((site, log) -> rows.putIfAbsent(site, new SiteRow(site, sites.get(site), log)));
        return new ArrayList<>(rows.values());
    }

    /** One row of the build page's site table; {@code log} is relative to the build's artifacts, or null. */
    public record SiteRow(String site, String status, String log) {}

    /** The chart of the job's metrics per round (echarts-api's trend chart, with rounds on its x axis). */
    @JavaScriptMethod
    @Override
    public String getBuildTrendModel() {
        return new JacksonFacade().toJson(RoundChart.of(getRounds()));
    }

    @Override
    public boolean isTrendVisible() {
        return !getRounds().isEmpty();
    }

    public String getJobId() {
        return jobId;
    }

    public synchronized String getStudy() {
        return study;
    }

    public synchronized String getJobName() {
        return jobName;
    }

    /** FLARE's job status, e.g. {@code FINISHED:COMPLETED}; null before the job was waited for. */
    public synchronized String getStatus() {
        return status;
    }

    /** COMPLETED, FAILED, ABORTED, ABANDONED or TIMEOUT; null before the job was waited for. */
    public synchronized String getOutcome() {
        return outcome;
    }

    public synchronized Double getDurationSeconds() {
        return durationSeconds;
    }

    public synchronized String getMessage() {
        return message;
    }

    public synchronized Map<String, String> getMetrics() {
        return Collections.unmodifiableMap(metrics);
    }

    /** Archived artifact paths, relative to the build's artifacts. */
    public synchronized List<String> getArtifacts() {
        return Collections.unmodifiableList(artifacts);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        List<FlareJobAction> all = run.getActions(FlareJobAction.class);
        if (!all.isEmpty() && all.get(all.size() - 1) == this) {
            env.put(JOB_ID_VARIABLE, jobId);
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cloud";
    }

    @Override
    public String getDisplayName() {
        return "FLARE job " + jobId;
    }

    @Override
    public String getUrlName() {
        return "flare-" + jobId;
    }

    private synchronized Object readResolve() {
        metrics = metrics == null ? new LinkedHashMap<>() : metrics;
        artifacts = artifacts == null ? new ArrayList<>() : artifacts;
        rounds = rounds == null ? new TreeMap<>() : rounds;
        sites = sites == null ? new TreeMap<>() : sites;
        siteLogs = siteLogs == null ? new TreeMap<>() : siteLogs;
        return this;
    }
}
