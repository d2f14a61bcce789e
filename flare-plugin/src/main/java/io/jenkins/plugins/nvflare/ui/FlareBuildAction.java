package io.jenkins.plugins.nvflare.ui;

import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.model.BuildRecord;
import io.jenkins.plugins.nvflare.model.JobRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.RunAction2;

/**
 * A build's FLARE jobs on the build page: one sidebar entry and one section per job ({@link JobView}), the build
 * page's summary, and {@code FLARE_JOB_ID} (the job met last) for later build steps. The jobs are a
 * {@link BuildRecord}, which the steps change and this action only reads.
 */
public final class FlareBuildAction implements RunAction2, EnvironmentContributingAction {

    /** Held only while the action is looked up and added, so two branches of one build add one action. */
    private static final Object ADDING = new Object();

    private final BuildRecord jobs = new BuildRecord();
    private transient Run<?, ?> run;
    /** The credentials and transports this build's console has named the FLARE server of (in memory only). */
    private transient Set<String> talkedTo;

    /** The action of {@code run}, added if missing. */
    public static FlareBuildAction of(Run<?, ?> run) {
        synchronized (ADDING) {
            FlareBuildAction action = run.getAction(FlareBuildAction.class);
            if (action == null) {
                action = new FlareBuildAction();
                run.addAction(action);
            }
            return action;
        }
    }

    /** The FLARE jobs {@code run} met, oldest first; none when it has no FLARE action. */
    public static List<JobRecord> jobsOf(Run<?, ?> run) {
        FlareBuildAction action = run.getAction(FlareBuildAction.class);
        return action == null ? List.of() : action.jobs().jobs();
    }

    /**
     * Whether {@code credentialAndTransport} is used for the first time in this build (since the controller started):
     * the console names the server it reaches once, not at every step.
     */
    public synchronized boolean firstTalk(String credentialAndTransport) {
        if (talkedTo == null) {
            talkedTo = new HashSet<>();
        }
        return talkedTo.add(credentialAndTransport);
    }

    /** The build's FLARE jobs. */
    public BuildRecord jobs() {
        return jobs;
    }

    /** One view per job, in the order the build met them. */
    public List<JobView> getJobViews() {
        List<JobView> views = new ArrayList<>();
        for (JobRecord job : jobs.jobs()) {
            views.add(new JobView(this, job.getJobId()));
        }
        return views;
    }

    /** {@code …/flare/job/<id>/}: one job's section, its live view and chart model; null for a job the build did not meet. */
    public JobView getJob(String jobId) {
        return jobs.job(jobId) == null ? null : new JobView(this, jobId);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void buildEnvironment(Run<?, ?> r, EnvVars env) {
        JobRecord latest = jobs.latest();
        if (latest != null) {
            env.put(BuildRecord.JOB_ID_VARIABLE, latest.getJobId());
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
        return Messages.FlareBuildAction_displayName();
    }

    @Override
    public String getUrlName() {
        return "flare";
    }
}
