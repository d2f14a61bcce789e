package io.jenkins.plugins.nvflare.run;

import hudson.model.Run;
import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.agent.JobReport;
import io.jenkins.plugins.nvflare.client.job.SubmitTokens;
import io.jenkins.plugins.nvflare.model.BuildRecord;
import io.jenkins.plugins.nvflare.ui.FlareBuildAction;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Records what a build's steps learn of their FLARE jobs in the build's {@link BuildRecord} and saves the build when
 * something changed. Steps about a job the build did not submit or follow (an abort, a delete) only annotate a job
 * the build already shows.
 */
public final class BuildRecorder {

    private final Run<?, ?> run;

    public BuildRecorder(Run<?, ?> run) {
        this.run = run;
    }

    private BuildRecord jobs() {
        return FlareBuildAction.of(run).jobs();
    }

    private void saveIf(boolean changed) throws IOException {
        if (changed) {
            run.save();
        }
    }

    /**
     * FLARE accepted the job; {@code identity}: where it was submitted from (null: not a Pipeline submit);
     * {@code name}: the job's name from its folder, null if unknown.
     */
    public void submitted(String jobId, String study, String identity, String name) throws IOException {
        jobs().update(jobId, study, job -> job.withSubmitIdentity(identity).withProgress(null, name, Map.of()));
        run.save();
    }

    /** A poll's status and metrics; a new round becomes a point of the job's chart. */
    public void progress(String jobId, String study, JobReport report) throws IOException {
        saveIf(jobs().update(
                        jobId, study, job -> job.withProgress(report.jobStatus(), report.jobName(), report.metrics())));
    }

    /** What {@code flareStatus} read: the job's status and name, as a poll's. */
    public void status(String jobId, String study, String status, String name) throws IOException {
        saveIf(jobs().update(jobId, study, job -> job.withProgress(status, name, Map.of())));
    }

    /** Each site's deployment result. */
    public void sites(String jobId, String study, Map<String, ?> sites) throws IOException {
        saveIf(jobs().update(jobId, study, job -> job.withSites(sites)));
    }

    /** How the job ended. */
    public void ended(JobReport r, String study) throws IOException {
        jobs().update(
                        r.jobId(),
                        study,
                        job -> job.withResult(
                                r.jobStatus(),
                                r.outcome().name(),
                                r.durationSeconds(),
                                r.jobName(),
                                r.study(),
                                r.message(),
                                r.metrics()));
        run.save();
    }

    /** The build was aborted while following the job; {@code aborted}: the FLARE job was aborted with it. */
    public void interrupted(String jobId, String study, boolean aborted) throws IOException {
        jobs().update(
                        jobId,
                        study,
                        job -> aborted
                                ? job.withNote(Messages.BuildRecorder_abortedWithBuild(), "ABORTED", null)
                                : job.withNote(Messages.BuildRecorder_leftRunning(), null, null));
        run.save();
    }

    /** {@code flareAbort} asked FLARE to abort the job; {@code status}: FLARE's answer, null if it gave none. */
    public void abortRequested(String jobId, String status) throws IOException {
        saveIf(jobs().updateIfPresent(
                        jobId, job -> job.withNote(Messages.BuildRecorder_abortRequested(), null, status)));
    }

    /** {@code flareDelete} deleted the job from FLARE; {@code lastStatus}: its status just before. */
    public void deleted(String jobId, String lastStatus, boolean aborted) throws IOException {
        saveIf(jobs().updateIfPresent(
                        jobId,
                        job -> aborted
                                ? job.withNote(Messages.BuildRecorder_abortedAndDeleted(), "ABORTED", lastStatus)
                                : job.withNote(Messages.BuildRecorder_deleted(), null, lastStatus)));
    }

    /** The rounds of a downloaded {@code round_metrics.jsonl}. */
    public void rounds(String jobId, String study, Map<Integer, ? extends Map<String, Double>> rounds)
            throws IOException {
        saveIf(jobs().update(jobId, study, job -> job.withRounds(rounds)));
    }

    /** The archived artifacts and site logs, relative to the build's artifacts. */
    public void archived(String jobId, String study, List<String> artifacts, Map<String, String> siteLogs)
            throws IOException {
        jobs().update(jobId, study, job -> job.withArchive(artifacts, siteLogs));
        run.save();
    }

    /**
     * The submit token of the next submit from {@code identity} (where in the build it sits: a Pipeline step's blocks,
     * or a freestyle build step, with its job source and study) in {@code run}: it counts the jobs the build already
     * submitted from there ({@link BuildRecord#submitsFrom}), so a repeated submit whose answer was lost keeps its
     * token and the next one from the same place gets a new one.
     */
    public static String nextSubmitToken(Run<?, ?> run, String identity) {
        FlareBuildAction action = run.getAction(FlareBuildAction.class);
        int earlier = action == null ? 0 : action.jobs().submitsFrom(identity);
        return SubmitTokens.forBuild(run.getParent().getFullName(), run.getNumber(), identity + " #" + earlier);
    }
}
