package io.jenkins.plugins.nvflare.client;

import java.util.List;
import java.util.function.Consumer;

/**
 * The FLARE job operations, as offered by {@code nvflare job ...}.
 *
 * <p>Every method talks to one FLARE server with one admin startup kit, both fixed when the client is
 * created. Job-level failures that are an <em>outcome</em> (a job that failed, was aborted or did
 * not finish in time) are returned as {@link JobResult}s; everything else (unknown job, server down,
 * bad kit, invalid arguments, broken CLI) is thrown as a {@link FlareException}. Interrupting the
 * calling thread ends a call with {@link InterruptedException}, never with a {@link FlareException}
 * (the plugin aborts the FLARE job only on that), its interrupt status cleared as by {@link Thread#sleep}.
 *
 * <p>A client may keep a connection between calls (the native transport keeps its login): close it when the
 * calls it was made for are done.
 */
public interface FlareClient extends AutoCloseable {

    /** Submits a job folder and returns the new (or, for a repeated submit token, the existing) job id. */
    String submit(SubmitRequest request) throws FlareException, InterruptedException;

    /** Reads a job's metadata. */
    JobMeta meta(String jobId, String study) throws FlareException, InterruptedException;

    /** Blocks until the job reaches a terminal state or the timeout passes. */
    JobResult waitForJob(String jobId, WaitOptions options) throws FlareException, InterruptedException;

    /**
     * Like {@link #waitForJob} but delivers each progress event to {@code listener} as soon as FLARE
     * reports it. Interrupting the calling thread stops monitoring promptly (the job keeps running).
     */
    JobResult monitor(String jobId, WaitOptions options, MonitorListener listener)
            throws FlareException, InterruptedException;

    /** Lists jobs matching a filter. */
    List<JobSummary> list(ListFilter filter) throws FlareException, InterruptedException;

    /** Aborts a job without asking for confirmation. */
    AbortResult abort(String jobId, String study) throws FlareException, InterruptedException;

    /**
     * Clones a job (FLARE's {@code clone_job}): a copy under a new id, scheduled like a new submit. Not named
     * {@code clone}, which is {@link Object#clone()}'s.
     */
    CloneResult cloneJob(String jobId, String study) throws FlareException, InterruptedException;

    /**
     * Deletes a job without asking for confirmation (the CLI's {@code --force}, which only skips the prompt). FLARE
     * refuses a job that is {@code DISPATCHED} or {@code RUNNING} with {@code JOB_NOT_DONE}, exit 4, whatever the
     * caller wants: there is no forced delete of a running job. Abort it and wait until it is finished first (right
     * after an abort the job is still {@code RUNNING} for a few seconds). A queued ({@code SUBMITTED}) job is
     * deleted.
     */
    DeleteResult delete(String jobId, String study) throws FlareException, InterruptedException;

    /**
     * Changes the logging of a running job on the server, one site or all ({@code nvflare job log-config}). A
     * finished job is {@code JOB_NOT_RUNNING}, an unknown site {@code SITE_NOT_FOUND}; a level FLARE does not know
     * is refused by FLARE itself, as {@code INTERNAL_ERROR} (see {@link LogConfigRequest#level()}).
     */
    LogConfigResult logConfig(String jobId, LogConfigRequest request) throws FlareException, InterruptedException;

    /** Fetches bounded job logs for the server, one site or all sites. */
    JobLogs logs(String jobId, LogRequest request) throws FlareException, InterruptedException;

    /** Downloads a job's result folder. */
    DownloadResult download(String jobId, DownloadRequest request) throws FlareException, InterruptedException;

    /** Reads running statistics of a job. */
    JobStats stats(String jobId, String site, String study) throws FlareException, InterruptedException;

    /**
     * Calls {@code listener} once, with the server's version, when the client first reached the server: the native
     * transport once it logged in (after an operation's own checks, before its commands). The CLI transport never
     * calls it: its {@code nvflare} process does the talking and does not say.
     */
    default void whenConnected(Consumer<FlareVersion> listener) {}

    /** Ends what the client keeps between calls (nothing, unless it says otherwise); later calls may fail. */
    @Override
    default void close() {}
}
