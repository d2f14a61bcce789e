package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.job.JobDeletion;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;

/** Deletes a job the way {@link JobDeletion} does: a job that has not finished only when forced, aborted first. */
public final class DeleteCall extends JobCall<LinkedHashMap<String, Object>> {

    /** How long a forced delete waits for the aborted job to finish. */
    static final Duration ABORT_WAIT = Duration.ofMinutes(2);

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean force;

    public DeleteCall(AgentContext context, String jobId, String study, boolean force) {
        super(context, jobId, study);
        this.force = force;
    }

    @Override
    protected LinkedHashMap<String, Object> call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, InterruptedException {
        JobDeletion.Deletion deletion =
                JobDeletion.delete(client, jobId, study, force, ABORT_WAIT, JobDeletion.REAL_TIME, line -> {
                    log.println(Messages.DeleteCall_progress(line));
                    log.flush(); // before the step's own "Deleted" line on the controller
                });
        LinkedHashMap<String, Object> answer = new LinkedHashMap<>();
        answer.put("jobId", deletion.deleted().jobId());
        answer.put("submitRecordsMarkedDeleted", deletion.deleted().submitRecordsMarkedDeleted());
        answer.put("status", deletion.status());
        answer.put("aborted", deletion.aborted());
        return answer;
    }
}
