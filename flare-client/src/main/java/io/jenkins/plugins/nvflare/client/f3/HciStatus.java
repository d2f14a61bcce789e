package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a failed hci reply into the error the CLI reports for it: {@code meta.status} as flare_api.py
 * _do_command maps it to exceptions (flare_api.py:254-291) and job_cli.py maps those to error codes
 * (job_cli.py:599-628 for submit, :1687-1745 for download).
 */
final class HciStatus {
    private HciStatus() {}

    /** Throws unless the reply's status is "ok" (or absent without error items). */
    static void check(HciReply reply, String command) throws FlareException {
        String status = reply.status().orElse(reply.errors().isEmpty() ? "ok" : "error");
        if (status.equals("ok")) {
            return;
        }
        Map<String, Object> meta = reply.meta();
        String info = meta.get("info") instanceof String s && !s.isEmpty() ? s
                : String.join("; ", reply.errors().isEmpty() ? reply.messages() : reply.errors());
        String detail = command + ": " + status + (info.isEmpty() ? "" : " (" + info + ")");
        switch (status) {
            case "invalid_job_def" -> throw FlareException.local(ErrorCodes.JOB_INVALID,
                    "invalid job definition: " + info, "Fix the job folder (meta.json and app configs) and submit again.");
            case "submit_token_conflict" -> {
                Map<String, Object> data = new LinkedHashMap<>();
                if (meta.get("job_id") instanceof String id) {
                    data.put("existing_job_id", id);
                }
                throw new FlareException(ErrorCodes.SUBMIT_TOKEN_CONFLICT,
                        info.isEmpty() ? "submit token was already used for different job content" : info,
                        "Use a new submit token when submitting different job content.",
                        ExitCodes.LOCAL, data);
            }
            case "submit_token_job_deleted" -> {
                Map<String, Object> data = new LinkedHashMap<>();
                copy(meta, "job_id", data, "job_id");
                copy(meta, "submit_record_state", data, "state");
                copy(meta, "deleted_time", data, "deleted_time");
                throw new FlareException(ErrorCodes.SUBMIT_TOKEN_JOB_DELETED,
                        info.isEmpty() ? "submit token refers to a deleted job" : info,
                        "Use a new submit token to submit the job again.", ExitCodes.LOCAL,
                        data);
            }
            case "not_authorized", "not_authenticated" -> throw FlareException.local(ErrorCodes.AUTH_FAILED,
                    "The FLARE server refused " + detail, "Check the admin's role and the server's authorization policy.");
            case "invalid_job_id" -> throw FlareException.local(ErrorCodes.JOB_NOT_FOUND, "no such job: " + info,
                    "Check the job id and the study.");
            case "job_running" -> throw FlareException.local(ErrorCodes.JOB_NOT_DONE, "job " + info + " is still running",
                    "Wait for the job to finish before downloading its result.");
            default -> throw FlareException.local(ErrorCodes.INTERNAL_ERROR, "The FLARE server failed " + detail,
                    "Check the server log.");
        }
    }

    private static void copy(Map<String, Object> from, String key, Map<String, Object> to, String as) {
        if (from.get(key) != null) {
            to.put(as, from.get(key));
        }
    }
}
