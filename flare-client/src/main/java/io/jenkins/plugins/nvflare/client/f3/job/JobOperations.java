package io.jenkins.plugins.nvflare.client.f3.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.AbortResult;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobLogs;
import io.jenkins.plugins.nvflare.client.JobMeta;
import io.jenkins.plugins.nvflare.client.JobStats;
import io.jenkins.plugins.nvflare.client.JobSummary;
import io.jenkins.plugins.nvflare.client.ListFilter;
import io.jenkins.plugins.nvflare.client.LogRequest;
import io.jenkins.plugins.nvflare.client.cli.Results;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors.Op;
import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException;
import io.jenkins.plugins.nvflare.client.f3.errors.ReplyCheck;
import io.jenkins.plugins.nvflare.client.f3.hci.HciCommands;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * meta, list, abort, stats and logs as {@code nvflare job <op> --format json} does them
 * (job_cli.py cmd_job_meta :1343, cmd_job_list :1288, cmd_job_abort :1569, cmd_job_stats :1933,
 * cmd_job_logs :2266): the same flare_api calls, the same {@code data} the CLI would print, and
 * that data mapped by the CLI transport's own {@link Results}, so both transports give equal results.
 */
public final class JobOperations {
    // Only converts plain maps to trees; shared instances of a configured ObjectMapper are thread-safe.
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private final JobCommands commands;

    public JobOperations(HciCommands hci, PollClock clock) {
        this.commands = new JobCommands(hci, clock);
    }

    public JobMeta meta(String jobId, String study) throws FlareException, InterruptedException {
        try {
            return Results.meta(tree(commands.jobMeta(jobId)));
        } catch (FlareApiException e) {
            throw CliErrors.map(e, Op.META, jobId, study);
        }
    }

    public List<JobSummary> list(ListFilter filter) throws FlareException, InterruptedException {
        String study = CliErrors.studyOrDefault(filter.study());
        try {
            List<Map<String, Object>> jobs =
                    commands.listJobs(filter.max(), filter.namePrefix(), filter.idPrefix(), filter.submitToken());
            jobs.forEach(job -> job.putIfAbsent("study", study));
            return Results.list(tree(jobs));
        } catch (FlareApiException e) {
            throw CliErrors.map(e, Op.LIST, null, study);
        }
    }

    public AbortResult abort(String jobId, String study) throws FlareException, InterruptedException {
        try {
            commands.abortJob(jobId);
        } catch (FlareApiException e) {
            throw CliErrors.map(e, Op.ABORT, jobId, study);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", jobId);
        data.put("status", "ABORTED");
        return Results.abort(tree(data));
    }

    /** @param site {@code all} (the CLI's default when null), {@code server}, or one client site */
    public JobStats stats(String jobId, String site, String study) throws FlareException, InterruptedException {
        String target = site == null ? "all" : site;
        Map<String, Object> stats;
        try {
            stats = switch (target) {
                case "all", "server" -> commands.showStats(jobId, target, null);
                default -> commands.showStats(jobId, "client", List.of(target));
            };
        } catch (FlareApiException e) {
            throw CliErrors.map(e, Op.STATS, jobId, study);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", jobId);
        data.put("stats", stats);
        return Results.stats(tree(data));
    }

    public JobLogs logs(String jobId, LogRequest request) throws FlareException, InterruptedException {
        String site = request.site() == null ? "server" : request.site();
        boolean defaultTail = request.tail() == null && request.since() == null && request.maxBytes() == null;
        Integer tail = defaultTail ? Integer.valueOf(LogBounds.DEFAULT_TAIL) : request.tail();
        LocalDateTime since = LogBounds.parseSince(request.since());
        Map<String, Object> result;
        try {
            // json mode reads log.json first and falls back to log.txt (job_cli.py:2207-2264, 2307-2312)
            result = commands.jobLogs(jobId, site, "log.json");
            if (JobLogFallback.needed(result, site)) {
                result = JobLogFallback.merge(result, commands.jobLogs(jobId, site, "log.txt"));
            }
        } catch (FlareApiException e) {
            throw CliErrors.map(e, Op.LOGS, jobId, request.study());
        }
        Map<String, Object> logs =
                result.get("logs") instanceof Map<?, ?> m ? JobCommands.castMap(m) : new LinkedHashMap<>();
        Map<String, Object> unavailable =
                result.get("unavailable") instanceof Map<?, ?> m ? JobCommands.castMap(m) : new LinkedHashMap<>();
        if (!site.equals("all") && !site.equals("server") && unavailable.containsKey(site) && !logs.containsKey(site)) {
            Object reason = unavailable.get(site);
            throw CliErrors.logNotFound(site, reason == null ? null : ReplyCheck.py(reason));
        }
        LogBounds.Bounded bounded = LogBounds.apply(logs, tail, since, request.maxBytes());
        Map<String, Object> sites = new LinkedHashMap<>(bounded.sites());
        unavailable.forEach((name, reason) -> {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("available", false);
            info.put("reason", reason);
            sites.put(name, info);
        });
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("tail", tail);
        filters.put("since", request.since());
        filters.put("since_applied", bounded.sinceApplied());
        filters.put("max_bytes", request.maxBytes());
        filters.put("default_tail_applied", defaultTail);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job_id", jobId);
        payload.put("target", site);
        payload.put("logs", bounded.logs());
        payload.put("logs_truncated", bounded.truncated());
        payload.put("sites", sites);
        payload.put("filters", filters);
        if (!unavailable.isEmpty()) {
            payload.put("unavailable", unavailable);
        }
        return Results.logs(tree(payload));
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
