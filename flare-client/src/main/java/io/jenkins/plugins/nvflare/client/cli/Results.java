package io.jenkins.plugins.nvflare.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.nvflare.client.AbortResult;
import io.jenkins.plugins.nvflare.client.CloneResult;
import io.jenkins.plugins.nvflare.client.DeleteResult;
import io.jenkins.plugins.nvflare.client.DownloadResult;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobLogs;
import io.jenkins.plugins.nvflare.client.JobMeta;
import io.jenkins.plugins.nvflare.client.JobOutcome;
import io.jenkins.plugins.nvflare.client.JobResult;
import io.jenkins.plugins.nvflare.client.JobStats;
import io.jenkins.plugins.nvflare.client.JobSummary;
import io.jenkins.plugins.nvflare.client.LogConfigResult;
import io.jenkins.plugins.nvflare.client.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps the {@code data} of each command's envelope (see 03-job-schemas.txt and the captures) to typed results.
 * Public so the native transport ({@code client.f3}) can feed the same data shapes through the same code.
 */
public final class Results {
    private Results() {}

    static String submittedJobId(JsonNode data) throws FlareException {
        String jobId = Json.text(data, "job_id");
        if (jobId == null || jobId.isBlank()) {
            throw Envelope.invalid("nvflare job submit returned no job_id: " + data, 0, "");
        }
        return jobId;
    }

    public static JobMeta meta(JsonNode data) {
        String submitTime = Json.text(data, "submit_time_iso");
        if (submitTime == null) {
            submitTime = Json.text(data, "submit_time");
        }
        return new JobMeta(
                Json.text(data, "job_id"),
                Json.text(data, "name"),
                Json.text(data, "study"),
                Json.text(data, "status"),
                submitTime,
                Json.text(data, "start_time"),
                Json.text(data, "duration"),
                Json.text(data, "submitter_name"),
                Json.stringList(data.get("job_deploy_detail")),
                Json.map(data));
    }

    public static List<JobSummary> list(JsonNode data) {
        List<JobSummary> jobs = new ArrayList<>();
        if (data != null && data.isArray()) {
            for (JsonNode row : data) {
                jobs.add(new JobSummary(
                        Json.text(row, "job_id"),
                        Json.text(row, "job_name"),
                        Json.text(row, "status"),
                        Json.text(row, "submit_time"),
                        Json.text(row, "duration"),
                        Json.text(row, "study")));
            }
        }
        return jobs;
    }

    public static AbortResult abort(JsonNode data) {
        return new AbortResult(Json.text(data, "job_id"), Json.text(data, "status"));
    }

    public static CloneResult clone(JsonNode data) {
        return new CloneResult(Json.text(data, "source_job_id"), Json.text(data, "new_job_id"));
    }

    /** cmd_job_delete prints flare_api's dict, with {@code job_id} set to the argument when it lacks one. */
    public static DeleteResult delete(JsonNode data, String jobId) {
        String id = Json.text(data, "job_id");
        return new DeleteResult(
                id == null ? jobId : id,
                data == null ? 0 : data.path("submit_records_marked_deleted").asInt(0));
    }

    public static LogConfigResult logConfig(JsonNode data) {
        return new LogConfigResult(
                Json.text(data, "job_id"),
                Json.text(data, "config"),
                Json.stringList(data.get("sites")),
                Json.text(data, "status"));
    }

    public static JobLogs logs(JsonNode data) {
        return new JobLogs(
                Json.text(data, "job_id"),
                Json.text(data, "target"),
                Json.stringMap(data.get("logs")),
                data.path("logs_truncated").asBoolean(false),
                Json.map(data.get("sites")),
                Json.map(data.get("filters")),
                Json.stringMap(data.get("unavailable")));
    }

    public static DownloadResult download(JsonNode data) {
        String path = Json.text(data, "download_path");
        return new DownloadResult(
                Json.text(data, "job_id"),
                path != null ? path : Json.text(data, "path"),
                Json.map(data.get("artifacts")),
                Json.stringList(data.get("missing_artifacts")));
    }

    public static JobStats stats(JsonNode data) {
        return new JobStats(Json.text(data, "job_id"), Json.map(data.get("stats")));
    }

    /** A finished {@code job wait} ({@code data} of an ok envelope). */
    public static JobResult waited(JsonNode data) {
        String status = Json.text(data, "status");
        return new JobResult(
                Json.text(data, "job_id"),
                status,
                JobOutcome.fromStatus(status).orElse(JobOutcome.COMPLETED),
                Json.number(data, "duration_s"),
                Json.map(data.get("job_meta")),
                metrics(data.get("last_stats")),
                null,
                null,
                null);
    }

    /**
     * A {@code job wait} error that is a job outcome (failed, aborted, abandoned, timeout) as a
     * JobResult; null for any other error, which the caller rethrows.
     */
    public static JobResult waitOutcome(FlareException e, String jobId) {
        java.util.Optional<JobOutcome> byCode = TerminalTexts.outcome(e.errorCode());
        if (byCode.isEmpty()) {
            return null;
        }
        Map<String, Object> data = e.data();
        Object status = data.get("status");
        String jobStatus = status == null ? null : status.toString();
        JobOutcome outcome = e.errorCode().equals(ErrorCodes.TIMEOUT)
                ? JobOutcome.TIMEOUT
                : JobOutcome.fromStatus(jobStatus).orElse(byCode.get());
        Object duration = data.get("duration_s");
        Object jobMeta = data.get("job_meta");
        Object lastStats = data.get("last_stats");
        Object id = data.get("job_id");
        return new JobResult(
                id == null ? jobId : id.toString(),
                jobStatus,
                outcome,
                duration instanceof Number n ? n.doubleValue() : null,
                jobMeta instanceof Map<?, ?> m ? castMap(m) : Map.of(),
                lastStats instanceof Map<?, ?> m ? new Metrics(castMap(m)) : Metrics.NONE,
                e.errorCode(),
                e.getMessage(),
                e.hint().isEmpty() ? null : e.hint());
    }

    public static Metrics metrics(JsonNode node) {
        return node == null || !node.isObject() ? Metrics.NONE : new Metrics(Json.map(node));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
