package io.jenkins.plugins.nvflare.client.job;

import io.jenkins.plugins.nvflare.client.DeleteResult;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Deleting a job the safe way. FLARE refuses to delete a dispatched or running job ({@code JOB_NOT_DONE}), and
 * deletes a queued one even while its scheduler is deploying it, which can stop the scheduler (seen on a 2.9 POC):
 * so a job that has not finished is refused here too, with FLARE's code and hint, unless forced. Forced, it is
 * aborted first and deleted once FLARE reports it finished (right after an abort it still says RUNNING for a few
 * seconds, and a delete then fails: live captures 169-171).
 */
public final class JobDeletion {

    /** Waits between status checks; a test passes one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * A deletion done.
     *
     * @param deleted FLARE's answer to the delete
     * @param status the job's last status before it was deleted (e.g. {@code FINISHED:ABORTED} after a forced abort)
     * @param aborted whether the job was aborted first
     */
    public record Deletion(DeleteResult deleted, String status, boolean aborted) {}

    public static final Sleeper REAL_TIME = d -> Thread.sleep(d.toMillis());

    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private JobDeletion() {}

    /**
     * @param force abort a job that has not finished, wait up to {@code maxWait} for it to finish, then delete it
     * @param log where to say what is done beyond the delete (the abort, the wait)
     */
    public static Deletion delete(
            FlareClient client,
            String jobId,
            String study,
            boolean force,
            Duration maxWait,
            Sleeper sleeper,
            Consumer<String> log)
            throws FlareException, InterruptedException {
        String status = client.meta(jobId, study).status();
        boolean aborted = false;
        if (!finished(status)) {
            if (!force) {
                throw notDone(
                        jobId,
                        "job " + jobId + " is " + status,
                        study,
                        " (flareDelete force: true aborts it first).",
                        Map.of("job_id", jobId));
            }
            log.accept("Job " + jobId + " is " + status + ": aborting it before deleting it.");
            client.abort(jobId, study);
            aborted = true;
            long waited = 0;
            while (!finished(status = client.meta(jobId, study).status())) {
                if (waited >= maxWait.toMillis()) {
                    throw new FlareException(
                            ErrorCodes.JOB_NOT_DONE,
                            "Job '" + jobId + "' was aborted but is still " + status + " after " + maxWait.toSeconds()
                                    + " s; it was not deleted.",
                            "Wait for it to finish (nvflare job wait " + jobId + "), then delete it.",
                            ExitCodes.INVALID_ARGS,
                            Map.of("job_id", jobId));
                }
                sleeper.sleep(CHECK_EVERY);
                waited += CHECK_EVERY.toMillis();
            }
            log.accept("Job " + jobId + " is " + status + ".");
        }
        return new Deletion(client.delete(jobId, study), status, aborted);
    }

    /** Ended, as the CLI and {@link JobOutcome} read FLARE's status: {@code FINISHED:*} and the like. */
    private static boolean finished(String status) {
        return JobOutcome.fromStatus(status).isPresent();
    }

    /**
     * cmd_job_delete's JOB_NOT_DONE (job_cli.py:1772-1831, capture 165-delete-running) with FLARE's {@code detail},
     * e.g. {@code job <id> is still running}: what both transports report for a job that has not finished.
     */
    public static FlareException notDone(String jobId, String detail, String study) {
        return notDone(jobId, detail, study, ".", null);
    }

    private static FlareException notDone(
            String jobId, String detail, String study, String hintEnd, Map<String, Object> data) {
        String s = study == null ? "default" : study;
        return new FlareException(
                ErrorCodes.JOB_NOT_DONE,
                "Job '" + jobId + "' has not finished. \u2014 " + detail + "; searched study '" + s + "'",
                "Use 'nvflare job abort " + jobId + " --study " + s
                        + "' to stop the job first, or wait/monitor until it " + "finishes before deleting" + hintEnd,
                ExitCodes.INVALID_ARGS,
                data);
    }
}
