package io.jenkins.plugins.nvflare.client.f3.job;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.LogConfigRequest;
import io.jenkins.plugins.nvflare.client.LogConfigResult;
import io.jenkins.plugins.nvflare.client.cli.Results;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors.Op;
import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException;
import io.jenkins.plugins.nvflare.client.f3.hci.HciCommands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * log-config as {@code nvflare job log-config <job_id> <level> --format json} does it (job_cli.py cmd_job_log
 * :3063): the job's meta first, a job in a terminal state refused as JOB_NOT_RUNNING without sending anything else,
 * then {@code configure_job_log}. The level has been checked as the CLI checks it (LogLevels); the server judges
 * the rest (a SUBMITTED job, an unknown level: INTERNAL_ERROR, captures 185 and 179-181).
 */
public final class JobLogConfig {
    private final JobCommands commands;

    public JobLogConfig(HciCommands hci, PollClock clock) {
        this.commands = new JobCommands(hci, clock);
    }

    public LogConfigResult configure(String jobId, LogConfigRequest request)
            throws FlareException, InterruptedException {
        String site = request.site() == null ? "all" : request.site();
        try {
            Object status = commands.jobMeta(jobId).get("status");
            String jobStatus = status == null ? "UNKNOWN" : status.toString();
            if (MonitorData.cliTerminal(jobStatus)) {
                throw CliErrors.logConfigJobNotRunning(jobId, jobStatus);
            }
            commands.configureJobLog(jobId, request.level(), site);
        } catch (FlareApiException e) {
            if (e.kind() == FlareApiException.Kind.INVALID_TARGET || e.kind() == FlareApiException.Kind.NO_REPLY) {
                throw CliErrors.siteNotFound(site);
            }
            throw CliErrors.map(e, Op.LOG_CONFIG, jobId, request.study());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", jobId);
        data.put("config", request.level());
        data.put("sites", List.of(site));
        data.put("status", "applied");
        return Results.logConfig(JobOperations.tree(data));
    }
}
