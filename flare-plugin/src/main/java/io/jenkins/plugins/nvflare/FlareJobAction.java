package io.jenkins.plugins.nvflare;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * One FLARE job of a build, on the build page: id, study, status, duration, last metrics and the
 * archived artifacts. The latest one also exports {@code FLARE_JOB_ID} to later build steps.
 * Holds nothing secret (it is saved in {@code build.xml}). Parallel branches of one build may record
 * jobs at the same time, so the state changes under the action's lock.
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
    /** Where in the Pipeline the job was submitted from ({@link SubmitIdentity}); null for other steps. */
    private String submitIdentity;
    private transient Run<?, ?> run;

    FlareJobAction(String jobId, String study) {
        this.jobId = jobId;
        this.study = study;
    }

    /** The action for {@code jobId} on {@code run}, added if missing. */
    static FlareJobAction of(Run<?, ?> run, String jobId, String study) {
        // Look-up and add as one step: two branches following the same job get one action.
        synchronized (run) {
            for (FlareJobAction action : run.getActions(FlareJobAction.class)) {
                if (action.jobId.equals(jobId)) {
                    action.setStudy(study);
                    return action;
                }
            }
            FlareJobAction action = new FlareJobAction(jobId, study);
            run.addAction(action);
            return action;
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

    synchronized void recordArtifacts(List<String> archived) {
        artifacts = new ArrayList<>(archived);
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

    private Object readResolve() {
        metrics = metrics == null ? new LinkedHashMap<>() : metrics;
        artifacts = artifacts == null ? new ArrayList<>() : artifacts;
        return this;
    }
}
