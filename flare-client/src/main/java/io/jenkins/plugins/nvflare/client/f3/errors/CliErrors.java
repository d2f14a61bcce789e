package io.jenkins.plugins.nvflare.client.f3.errors;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.job.JobDeletion;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The error envelope {@code nvflare job <op> --format json} prints for each flare_api exception:
 * per-command handlers in nvflare/tool/job/job_cli.py (internal_submit_job :580-628, cmd_job_meta :1343,
 * cmd_job_list :1288, cmd_job_abort :1569, cmd_job_clone :1623, cmd_job_download :1656-1770,
 * cmd_job_delete :1772, cmd_job_stats :1933, cmd_job_logs :2266, cmd_job_monitor :2806, cmd_job_wait :2961,
 * cmd_job_log :3063), the global handler in nvflare/cli.py:577-644 for what they let through,
 * and the texts of nvflare/tool/cli_errors.py (output_error joins message and detail with " — ",
 * cli_output.py:344-365).
 */
public final class CliErrors {
    /** The command whose handler decides the mapping. */
    public enum Op {
        SUBMIT,
        META,
        LIST,
        ABORT,
        STATS,
        LOGS,
        WAIT,
        MONITOR,
        DOWNLOAD,
        CLONE,
        DELETE,
        LOG_CONFIG
    }

    private CliErrors() {}

    public static FlareException map(FlareApiException e, Op op, String jobId, String study) {
        String detail = e.getMessage();
        if (op == Op.SUBMIT) {
            FlareException submit = submitError(e);
            if (submit != null) {
                return submit;
            }
        }
        if (op == Op.DOWNLOAD && e.kind() == FlareApiException.Kind.JOB_NOT_DONE) {
            return jobNotDone(jobId, detail, study);
        }
        if (op == Op.DELETE && e.kind() == FlareApiException.Kind.JOB_NOT_DONE) {
            return JobDeletion.notDone(jobId, detail, study); // a dispatched or running job (165-delete-running)
        }
        if (op == Op.LOG_CONFIG && e.kind() == FlareApiException.Kind.NO_CONNECTION) {
            // cmd_job_log re-raises NoConnection to cli.py's handler, which prints no detail (187-down-log-config)
            return connectionFailed(null, e.getCause());
        }
        boolean waiting = op == Op.WAIT || op == Op.MONITOR;
        switch (e.kind()) {
            case JOB_NOT_FOUND:
                if (op != Op.LIST) {
                    return jobNotFound(jobId, study);
                }
                break;
            case JOB_NOT_RUNNING:
                if (op == Op.ABORT) {
                    return jobNotRunning(jobId, "abort is available only while the job is running");
                }
                if (op == Op.STATS) {
                    return jobNotRunning(jobId, "stats are available only while the job is running");
                }
                break;
            case NO_CONNECTION:
                return connectionFailed(detail, e.getCause());
            case AUTHENTICATION:
                if (waiting) {
                    return authFailed("Authentication failed.", detail, "Check startup kit credentials.");
                }
                // logs re-raises it to the global handler like meta, list, abort and stats do
                return authFailed("Authentication failed.", detail, authHint(detail));
            case AUTHORIZATION:
                if (waiting) {
                    return authFailed("Authentication failed.", detail, "Check startup kit credentials.");
                }
                if (op != Op.LOGS) { // cmd_job_logs catches it with "except Exception"
                    return authFailed(
                            "Authorization failed.",
                            detail,
                            "Check that the startup kit user is authorized for this command and study.");
                }
                break;
            case SUBMIT_TOKEN_JOB_DELETED:
                if (op == Op.LIST) {
                    return new FlareException(
                            ErrorCodes.SUBMIT_TOKEN_JOB_DELETED,
                            withDetail("This submit token refers to a deleted job.", detail),
                            "Use a new submit token to submit the job again.",
                            ExitCodes.INVALID_ARGS,
                            deletedJobData(e));
                }
                break;
            default:
                break;
        }
        return internal(detail);
    }

    /** internal_submit_job's own except clauses (job_cli.py:599-627); null for what reaches the global handler. */
    private static FlareException submitError(FlareApiException e) {
        String detail = e.getMessage();
        switch (e.kind()) {
            case INVALID_JOB_DEFINITION:
                return new FlareException(
                        ErrorCodes.JOB_INVALID,
                        withDetail("Job folder is not a valid NVFlare job.", detail),
                        "Check meta.json and config_fed_server.json.",
                        ExitCodes.JOB_OR_SERVER_ERROR,
                        null);
            case SUBMIT_TOKEN_CONFLICT: {
                Map<String, Object> data = new LinkedHashMap<>();
                putIfPresent(data, "existing_job_id", nonEmpty(e.meta().get("job_id")));
                return new FlareException(
                        ErrorCodes.SUBMIT_TOKEN_CONFLICT,
                        withDetail("A job with this submit token already exists with different content.", detail),
                        "Use a new submit token when submitting different job content.",
                        ExitCodes.INVALID_ARGS,
                        data.isEmpty() ? null : data);
            }
            case SUBMIT_TOKEN_JOB_DELETED:
                return new FlareException(
                        ErrorCodes.SUBMIT_TOKEN_JOB_DELETED,
                        withDetail("This submit token refers to a deleted job.", detail),
                        "Use a new submit token to submit the job again.",
                        ExitCodes.INVALID_ARGS,
                        deletedJobData(e));
            case AUTHORIZATION:
                return authFailed("Authentication failed.", detail, "Check startup kit credentials.");
            case INTERNAL:
                return internal(detail);
            case NO_CONNECTION:
                return connectionFailed(detail, e.getCause());
            default:
                return null;
        }
    }

    /** cmd_job_download (job_cli.py:1689-1699, :1724-1732): the job is known but not finished. */
    public static FlareException jobNotDone(String jobId, String detail, String study) {
        String s = studyOrDefault(study);
        return new FlareException(
                ErrorCodes.JOB_NOT_DONE,
                withDetail("Job '" + jobId + "' has not finished.", detail + "; searched study '" + s + "'"),
                "Use 'nvflare job wait " + jobId + " --study " + s + "' or 'nvflare job monitor " + jobId + " --study "
                        + s + "' before downloading results.",
                ExitCodes.INVALID_ARGS,
                null);
    }

    /** cmd_job_log (job_cli.py:3063-3160): a job in a terminal state (184-log-config-finished). */
    public static FlareException logConfigJobNotRunning(String jobId, String status) {
        return jobNotRunning(jobId, "job is in terminal state: " + status);
    }

    /** cmd_job_log's InvalidTarget and NoReply (183-log-config-unknown-site). */
    public static FlareException siteNotFound(String site) {
        return new FlareException(
                ErrorCodes.SITE_NOT_FOUND,
                "Site '" + site + "' is not connected.",
                "Use 'nvflare system status' to list connected sites.",
                ExitCodes.JOB_OR_SERVER_ERROR,
                null);
    }

    /** cmd_job_download (job_cli.py:1700-1709): an existing local result without --force. */
    public static FlareException downloadExists(String path) {
        return new FlareException(
                ErrorCodes.INVALID_ARGS,
                withDetail("Invalid arguments.", "download destination already exists: " + path),
                "Use --force to replace the existing download, remove the directory, or choose a different --output-dir.",
                ExitCodes.INVALID_ARGS,
                null);
    }

    /** cmd_job_download's {@code except OSError} (job_cli.py:1746-1748). */
    public static FlareException outputDirNotWritable(String destination, String detail) {
        return new FlareException(
                ErrorCodes.OUTPUT_DIR_NOT_WRITABLE,
                withDetail("Cannot write to output directory " + destination + ".", detail),
                "Check directory permissions or choose a different output directory.",
                ExitCodes.JOB_OR_SERVER_ERROR,
                null);
    }

    /**
     * A {@code --since} value the CLI's argument parser refuses: job_cli.py {@code _log_since_arg} raises
     * ArgumentTypeError with {@code _normalize_log_timestamp}'s text and the accepted formats, argparse prefixes
     * the option ({@code "argument --since: "}), and nvflare/cli.py {@code _emit_argparse_error_json} prints it
     * with its hint, exit 4 (without its {@code data}: the parser's usage and choices).
     */
    public static FlareException invalidSince(String normalizeError) {
        return new FlareException(
                ErrorCodes.INVALID_ARGS,
                "argument --since: " + normalizeError
                        + "; accepted formats include ISO timestamps such as 2026-04-28T10:00:00 or 2026-04-28T10:00:00Z",
                ARGPARSE_HINT,
                ExitCodes.INVALID_ARGS,
                null);
    }

    /** nvflare/cli.py _emit_argparse_error_json. */
    static final String ARGPARSE_HINT = "Run with --help to see usage.";

    static FlareException jobNotFound(String jobId, String study) {
        String s = studyOrDefault(study);
        return new FlareException(
                ErrorCodes.JOB_NOT_FOUND,
                withDetail("Job '" + jobId + "' does not exist.", "searched study '" + s + "'"),
                notFoundHint(s),
                ExitCodes.JOB_OR_SERVER_ERROR,
                null);
    }

    static FlareException jobNotRunning(String jobId, String detail) {
        return new FlareException(
                ErrorCodes.JOB_NOT_RUNNING,
                withDetail("Job '" + jobId + "' is not currently running.", detail),
                "Use 'nvflare job list' to check job status.",
                ExitCodes.JOB_OR_SERVER_ERROR,
                null);
    }

    public static FlareException connectionFailed(String detail, Throwable cause) {
        return new FlareException(
                ErrorCodes.CONNECTION_FAILED,
                withDetail("Could not connect to the FLARE server.", detail),
                "Check server status with 'nvflare system status'.",
                ExitCodes.CONNECTION_OR_KIT,
                null,
                cause);
    }

    public static FlareException internal(String detail) {
        return new FlareException(
                ErrorCodes.INTERNAL_ERROR,
                withDetail("An unexpected error occurred.", detail),
                "This is likely a bug. Re-run in a development environment for a traceback, or report the issue.",
                ExitCodes.INTERNAL_ERROR,
                null);
    }

    public static FlareException logNotFound(String site, String reason) {
        return new FlareException(
                ErrorCodes.LOG_NOT_FOUND,
                withDetail("Job logs are not available for site '" + site + "'.", reason),
                "Verify that client log streaming is enabled and that the site has run this job.",
                ExitCodes.JOB_OR_SERVER_ERROR,
                null);
    }

    public static FlareException timeout(String detail) {
        return new FlareException(
                ErrorCodes.TIMEOUT,
                withDetail("Operation timed out.", detail),
                "Increase --timeout or check server load.",
                ExitCodes.TIMEOUT,
                null);
    }

    /** job_cli.py:2792 _job_not_found_hint. */
    static String notFoundHint(String study) {
        if (study.equals("default")) {
            return "This command searched study 'default'. Use 'nvflare job list --study <study_name>' to check jobs"
                    + " in another study, then rerun this command with --study <study_name>.";
        }
        return "This command searched study '" + study + "'. Use 'nvflare job list --study " + study
                + "' to verify the job ID, or rerun this command with the correct --study value.";
    }

    public static String studyOrDefault(String study) {
        return study == null ? "default" : study;
    }

    private static FlareException authFailed(String message, String detail, String hint) {
        return new FlareException(
                ErrorCodes.AUTH_FAILED, withDetail(message, detail), hint, ExitCodes.CONNECTION_OR_KIT, null);
    }

    /**
     * A rejected {@code _cert_login}: api.py _user_login (:708-724) turns {@code "REJECT"} /
     * {@code "REJECT: <AUTH_CODE>: <detail>"} into the detail (default "Incorrect user name or password") and
     * auth code, and flare_api's try_connect raises AuthenticationError with them. {@code nvflare job submit},
     * meta, list, abort, stats, logs and download let it reach cli.py's handler ("Authentication failed." and
     * the hint of _auth_hint_from_detail, :557-575, which looks at the auth code first); wait and monitor catch
     * it with the generic AUTH_FAILED hint ({@link LoginRejected#forWaiting}). Both checked against a live
     * 2.9 server (an unknown study: AUTH_STUDY_NOT_CONFIGURED).
     */
    public static LoginRejected loginRejected(String authCode, String detail) {
        String d = detail == null || detail.isEmpty() ? "Incorrect user name or password" : detail;
        return new LoginRejected(authCode, d, authHint(d, authCode));
    }

    /** A login the server rejected, reported as the global handler does; {@link #forWaiting} for wait and monitor. */
    public static final class LoginRejected extends FlareException {
        private static final long serialVersionUID = 1L;
        private final String authCode;
        private final String detail;

        private LoginRejected(String authCode, String detail, String hint) {
            super(
                    ErrorCodes.AUTH_FAILED,
                    withDetail("Authentication failed.", detail),
                    hint,
                    ExitCodes.CONNECTION_OR_KIT,
                    null);
            this.authCode = authCode;
            this.detail = detail;
        }

        /** The auth code of {@code REJECT: <AUTH_CODE>: ...}, or null. */
        public String authCode() {
            return authCode;
        }

        /** cmd_job_wait / cmd_job_monitor: {@code output_error("AUTH_FAILED", detail=str(e))}. */
        public FlareException forWaiting() {
            return authFailed("Authentication failed.", detail, "Check startup kit credentials.");
        }
    }

    /** nvflare/cli.py _auth_hint_from_detail without an auth code (command replies carry none). */
    private static String authHint(String detail) {
        return authHint(detail, null);
    }

    /** nvflare/cli.py _auth_hint_from_detail (:557-575). */
    private static String authHint(String detail, String authCode) {
        if ("AUTH_UNKNOWN_STUDY".equals(authCode) || "AUTH_STUDY_NOT_CONFIGURED".equals(authCode)) {
            return "Verify the study name or create the study with 'nvflare study register', then try again.";
        }
        if ("AUTH_STUDY_USER_NOT_MAPPED".equals(authCode)) {
            return "Add this user to the study's admins list with 'nvflare study add-user', then try again.";
        }
        if ("AUTH_INVALID_STUDY_NAME".equals(authCode) || "AUTH_INVALID_STUDY".equals(authCode)) {
            return "Use a valid study name and try again.";
        }
        String d = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        if (d.contains("unknown study") || d.contains("not configured on the server")) {
            return "Verify the study name or create the study with 'nvflare study register', then try again.";
        }
        if (d.contains("not mapped to study")) {
            return "Add this user to the study's admins list with 'nvflare study add-user', then try again.";
        }
        if (d.contains("invalid study name")) {
            return "Use a valid study name and try again.";
        }
        if (d.contains("certificate validation failed")) {
            return "Check that the startup kit certificate, key, and root CA match the server trust chain.";
        }
        return "Check startup kit credentials.";
    }

    /** cli_output.py output_error: {@code f"{message} \u2014 {detail}"} when there is a detail. */
    public static String withDetail(String message, String detail) {
        return detail == null || detail.isEmpty() ? message : message + " \u2014 " + detail;
    }

    private static Map<String, Object> deletedJobData(FlareApiException e) {
        Map<String, Object> data = new LinkedHashMap<>();
        putIfPresent(data, "job_id", e.meta().get("job_id"));
        putIfPresent(data, "state", e.meta().get("submit_record_state"));
        putIfPresent(data, "deleted_time", e.meta().get("deleted_time"));
        return data;
    }

    /** Python's {@code if e.existing_job_id}: an empty id counts as none. */
    private static Object nonEmpty(Object value) {
        return value == null || "".equals(value) ? null : value;
    }

    private static void putIfPresent(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}
