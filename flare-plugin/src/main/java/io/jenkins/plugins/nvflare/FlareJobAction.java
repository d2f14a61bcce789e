package io.jenkins.plugins.nvflare;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.nvflare.client.JobResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * One FLARE job of a build, on the build page: id, study, status, duration, last metrics and the
 * archived artifacts. The latest one also exports {@code FLARE_JOB_ID} to later build steps.
 * Holds nothing secret (it is saved in {@code build.xml}).
 */
public final class FlareJobAction implements RunAction2, EnvironmentContributingAction {

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
    private transient Run<?, ?> run;

    FlareJobAction(String jobId, String study) {
        this.jobId = jobId;
        this.study = study;
    }

    /** The action for {@code jobId} on {@code run}, added if missing. */
    static FlareJobAction of(Run<?, ?> run, String jobId, String study) {
        for (FlareJobAction action : run.getActions(FlareJobAction.class)) {
            if (action.jobId.equals(jobId)) {
                if (study != null) {
                    action.study = study;
                }
                return action;
            }
        }
        FlareJobAction action = new FlareJobAction(jobId, study);
        run.addAction(action);
        return action;
    }

    void recordResult(JobResult result) {
        status = result.jobStatus();
        outcome = result.outcome().name();
        durationSeconds = result.durationSeconds();
        jobName = result.jobName() != null ? result.jobName() : jobName;
        study = result.study() != null ? result.study() : study;
        message = result.isSuccess() ? null : result.message();
        Map<String, String> m = new LinkedHashMap<>();
        result.metrics().values().forEach((k, v) -> m.put(k, String.valueOf(v)));
        if (!m.isEmpty()) {
            metrics = m;
        }
    }

    void recordArtifacts(List<String> archived) {
        artifacts = new ArrayList<>(archived);
    }

    public String getJobId() {
        return jobId;
    }

    public String getStudy() {
        return study;
    }

    public String getJobName() {
        return jobName;
    }

    /** FLARE's job status, e.g. {@code FINISHED:COMPLETED}; null before the job was waited for. */
    public String getStatus() {
        return status;
    }

    /** COMPLETED, FAILED, ABORTED, ABANDONED or TIMEOUT; null before the job was waited for. */
    public String getOutcome() {
        return outcome;
    }

    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public String getMessage() {
        return message;
    }

    public Map<String, String> getMetrics() {
        return Collections.unmodifiableMap(metrics);
    }

    /** Archived artifact paths, relative to the build's artifacts. */
    public List<String> getArtifacts() {
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

    private Object readResolve() {
        metrics = metrics == null ? new LinkedHashMap<>() : metrics;
        artifacts = artifacts == null ? new ArrayList<>() : artifacts;
        return this;
    }
}
