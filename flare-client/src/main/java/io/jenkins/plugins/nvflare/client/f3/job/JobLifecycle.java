package io.jenkins.plugins.nvflare.client.f3.job;

import io.jenkins.plugins.nvflare.client.CloneResult;
import io.jenkins.plugins.nvflare.client.DeleteResult;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.cli.Results;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors.Op;
import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException;
import io.jenkins.plugins.nvflare.client.f3.hci.HciCommands;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * clone and delete as {@code nvflare job clone|delete --force --format json} do them (job_cli.py cmd_job_clone
 * :1623, cmd_job_delete :1772): one flare_api call each, the data the CLI prints, mapped by the CLI transport's
 * {@link Results}.
 */
public final class JobLifecycle {
    private final JobCommands commands;

    public JobLifecycle(HciCommands hci, PollClock clock) {
        this.commands = new JobCommands(hci, clock);
    }

    public CloneResult cloneJob(String jobId, String study) throws FlareException, InterruptedException {
        String newJobId;
        try {
            newJobId = commands.cloneJob(jobId);
        } catch (FlareApiException e) {
            throw CliErrors.map(e, Op.CLONE, jobId, study);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source_job_id", jobId);
        data.put("new_job_id", newJobId);
        return Results.clone(JobOperations.tree(data));
    }

    /** The CLI's {@code --force} only skips its prompt, so there is nothing to send for it. */
    public DeleteResult delete(String jobId, String study) throws FlareException, InterruptedException {
        try {
            return Results.delete(JobOperations.tree(commands.deleteJob(jobId)), jobId);
        } catch (FlareApiException e) {
            throw CliErrors.map(e, Op.DELETE, jobId, study);
        }
    }
}
