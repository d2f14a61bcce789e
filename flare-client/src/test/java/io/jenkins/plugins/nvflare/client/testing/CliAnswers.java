package io.jenkins.plugins.nvflare.client.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the real {@code nvflare job <op> --format json} prints for inputs the captures do not cover (issue 9),
 * built from NVFlare's sources at the captured commit f3b7c1bf with their exact texts; each method names the
 * source files and functions the text comes from. {@link #envelope} is the envelope as a map (what a capture's
 * {@code Captures.envelope} gives), {@link #response} what the fake nvflare replays.
 *
 * <p>Every error envelope is {@code nvflare/tool/cli_output.py} {@code output_error} / {@code output_error_message}
 * ({@code message + " \u2014 " + detail}, keys schema_version, status, exit_code, error_code, message, hint), or
 * for argparse errors {@code nvflare/cli.py _emit_argparse_error_json} (adds {@code data} with the parser's usage
 * and choices); the registry texts are {@code nvflare/tool/cli_errors.py}.
 */
public final class CliAnswers {
    /**
     * The name of the folder the CLI uploads: job_cli.py {@code submit_job} copies the job into
     * {@code tempfile.mkdtemp()} and submits that, so the server names the job after it (any {@code tmpXXXXXXXX}).
     */
    public static final String UPLOADED_FOLDER = "tmp8w3k1q2c";

    /** The usage of {@code nvflare job submit}'s parser (capture 02-job-subcommand-help.txt). */
    private static final String SUBMIT_USAGE = """
            usage: nvflare job submit [-h] [-j [JOB_FOLDER]] [-debug] [--study STUDY]
                                      [--submit-token SUBMIT_TOKEN]
                                      [--kit-id KIT_ID | --startup-kit STARTUP_KIT]
                                      [--schema]""";

    /** The usage of {@code nvflare job logs}'s parser (capture 02-job-subcommand-help.txt). */
    private static final String LOGS_USAGE = """
            usage: nvflare job logs [-h] [--sites SITE] [--tail TAIL] [--since SINCE]
                                    [--max-bytes MAX_BYTES] [--study STUDY]
                                    [--kit-id KIT_ID | --startup-kit STARTUP_KIT]
                                    [--schema]
                                    job_id""";

    /** Python's json.dumps escapes non-ASCII ("\u2014") as the CLI's output does. */
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private CliAnswers() {}

    /**
     * {@code nvflare job submit -j <missing>}: job_cli.py {@code submit_job} raises
     * {@code ValueError(f"invalid job folder: {cmd_args.job_folder}")} when {@code os.path.isdir} is false, and
     * reports it with cli_output.py {@code output_usage_error} (INVALID_ARGS, "Invalid arguments.", hint
     * "Run with -h for usage.", exit 4).
     */
    public static String invalidJobFolder(String path) {
        return error(
                4, "INVALID_ARGS", "Invalid arguments. \u2014 invalid job folder: " + path, "Run with -h for usage.");
    }

    /**
     * {@code nvflare job submit} of a folder the server's validator refuses: job_meta_validator.py raises a
     * ValueError ({@code info}), job_cmds.py {@code submit_job} answers INVALID_JOB_DEFINITION, flare_api.py
     * {@code Session._do_command} raises {@code InvalidJobDefinition(f"invalid job definition: {info}")}, and
     * job_cli.py {@code internal_submit_job} prints {@code output_error("JOB_INVALID", exit_code=1, detail=str(e))}.
     */
    public static String jobInvalid(String info) {
        return error(
                1,
                "JOB_INVALID",
                "Job folder is not a valid NVFlare job. \u2014 invalid job definition: " + info,
                "Check meta.json and config_fed_server.json.");
    }

    /** job_meta_validator.py {@code _validate_deploy_map} for a job without meta.json (after {@code _validate_meta}). */
    public static String noMeta(String jobName) {
        return "meta.[json|conf|yml] not existing for job " + jobName
                + ", possible in legacy job format.  Please upgrade the job structure.";
    }

    /** job_meta_validator.py {@code _validate_app} for an app deployed to the server without config_fed_server.*. */
    public static String noServerConfig(String app) {
        return "App '" + app + "' will be deployed to server but server config is missing";
    }

    /**
     * {@code nvflare job submit} of a job whose meta.json is {@code {"name": }}: job_cli.py {@code prepare_job_config}
     * → configer.py {@code build_config_file_indices} → config_indexer.py {@code load_pyhocon_conf}, which wraps
     * json.load's JSONDecodeError (text from CPython's json module) as
     * {@code RuntimeError(f"filed to parse file {config_file_path}:", e)}; nvflare/cli.py {@code run} reports it as
     * {@code output_error("INTERNAL_ERROR", exit_code=5, detail=str(e))}, before connecting.
     */
    public static String metaJsonNotParsable() {
        return error(
                5,
                "INTERNAL_ERROR",
                "An unexpected error occurred. \u2014 ('filed to parse file meta.json:', "
                        + "JSONDecodeError('Expecting value: line 1 column 10 (char 9)'))",
                "This is likely a bug. Re-run in a development environment for a traceback, or report the issue.");
    }

    /** The meta.json of {@link #metaJsonNotParsable}. */
    public static final String UNPARSABLE_META = "{\"name\": }";

    /**
     * {@code --startup-kit <dir>} without {@code startup/fed_admin.json} (and not a site or server kit):
     * kit_config.py {@code classify_startup_kit} raises {@code StartupKitConfigError(f"path is not a valid startup
     * kit: {path}", hint=...)}, and job_cli.py {@code _get_session} prints
     * {@code output_error("STARTUP_KIT_MISSING", exit_code=2, detail=str(e), hint=e.hint)}.
     */
    public static String notAStartupKit(String path) {
        return error(
                2,
                "STARTUP_KIT_MISSING",
                "Startup kit not found. \u2014 path is not a valid startup kit: " + path,
                "Use the participant startup directory produced by provisioning.");
    }

    /**
     * {@code --startup-kit <site kit>}: {@code classify_startup_kit} finds startup/fed_client.json (a site kit) and
     * kit_config.py {@code validate_admin_startup_kit} raises {@code "path is not an admin startup kit: {path}"};
     * job_cli.py {@code _get_session} as above.
     */
    public static String notAnAdminKit(String path) {
        return error(
                2,
                "STARTUP_KIT_MISSING",
                "Startup kit not found. \u2014 path is not an admin startup kit: " + path,
                "Use an admin/user startup directory for commands that connect to FLARE.");
    }

    /**
     * {@code nvflare job meta <id>} with a kit holding a site's certificate (role {@code client}, username empty in
     * fed_admin.json, so the login uses the certificate's CN and succeeds): the server's authz.py
     * {@code AuthzFilter.pre_command} answers NOT_AUTHORIZED with info "not authorized" (proto.py ReplyKeyword),
     * flare_api.py {@code _do_command} raises {@code AuthorizationError(f"user not authorized for the action
     * '{command}: {info}'")}, which cmd_job_meta lets through to nvflare/cli.py {@code run}:
     * {@code output_error_message("AUTH_FAILED", message="Authorization failed.", ..., exit_code=2)}.
     */
    public static String notAuthorized(String command) {
        return error(
                2,
                "AUTH_FAILED",
                "Authorization failed. \u2014 user not authorized for the action '" + command + ": not authorized'",
                "Check that the startup kit user is authorized for this command and study.");
    }

    /**
     * {@code nvflare job meta "a b"}: flare_api.py {@code get_job_meta} sends {@code "get_job_meta a b"}, the
     * server's job_cmds.py {@code authorize_job_id} answers {@code invalid job_id a} (INVALID_JOB_ID), flare_api
     * raises JobNotFound, and job_cli.py {@code cmd_job_meta} prints JOB_NOT_FOUND with
     * {@code detail=f"searched study '{study}'"} and {@code _job_not_found_hint(study)} (as capture 51).
     */
    public static String jobNotFound(String jobId) {
        return error(
                1,
                "JOB_NOT_FOUND",
                "Job '" + jobId + "' does not exist. \u2014 searched study 'default'",
                "This command searched study 'default'. Use 'nvflare job list --study <study_name>' to check jobs in "
                        + "another study, then rerun this command with --study <study_name>.");
    }

    /**
     * {@code nvflare job logs <id> --since yesterday}: job_cli.py {@code _log_since_arg} (the {@code type} of
     * {@code --since}) raises {@code ArgumentTypeError(f"{e}; accepted formats include ...")} with
     * {@code _normalize_log_timestamp}'s {@code "invalid --since timestamp: {value}"}; argparse prefixes
     * {@code "argument --since: "} and nvflare/cli.py {@code _emit_argparse_error_json} prints it, exit 4.
     */
    public static String sinceNotATimestamp(String value) {
        return argparseError(
                "argument --since: invalid --since timestamp: " + value + "; accepted formats include ISO "
                        + "timestamps such as 2026-04-28T10:00:00 or 2026-04-28T10:00:00Z",
                LOGS_USAGE);
    }

    /**
     * {@code nvflare job submit --submit-token 'bad token!'} (or 129 characters): job_cli.py {@code _submit_token_arg}
     * (the {@code type} of {@code --submit-token}) turns job_submit_token.py {@code validate_submit_token}'s
     * {@code ValueError(SUBMIT_TOKEN_ERROR)} into an ArgumentTypeError; argparse and
     * {@code _emit_argparse_error_json} as for {@link #sinceNotATimestamp}, before the job folder is read.
     */
    public static String submitTokenInvalid() {
        return argparseError(
                "argument --submit-token: submit_token must be non-empty, at most 128 characters, and match "
                        + "^[A-Za-z0-9._:-]{1,128}$",
                SUBMIT_USAGE);
    }

    /**
     * {@code nvflare job meta <id>} when the server goes away before answering: api.py {@code server_execute}
     * returns {@code {"status": ERROR_SERVER_CONNECTION, "details": "Server did not respond"}} for a command without
     * reply, flare_api.py {@code _do_command} raises {@code NoConnection(f"cannot connect to server: {status_text}")}
     * (api_status.py {@code ERROR_SERVER_CONNECTION}), and job_cli.py {@code cmd_job_meta} prints
     * {@code output_error("CONNECTION_FAILED", exit_code=2, detail=str(e))}.
     */
    public static String serverWentAway() {
        return error(
                2,
                "CONNECTION_FAILED",
                "Could not connect to the FLARE server. \u2014 cannot connect to server: ERROR_SERVER_CONNECTION",
                "Check server status with 'nvflare system status'.");
    }

    /** The envelope of an answer, as {@code Captures.envelope} gives a capture's. */
    public static Map<String, Object> envelope(String answer) {
        return Captures.parse(answer);
    }

    /** What the fake nvflare prints for an answer (stdout, exit code; nothing on stderr). */
    public static Response response(String answer) {
        return Response.of(answer + "\n", "", ((Number) envelope(answer).get("exit_code")).intValue());
    }

    private static String error(int exit, String code, String message, String hint) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("schema_version", "1");
        e.put("status", "error");
        e.put("exit_code", exit);
        e.put("error_code", code);
        e.put("message", message);
        e.put("hint", hint);
        return json(e);
    }

    private static String argparseError(String message, String usage) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("schema_version", "1");
        e.put("status", "error");
        e.put("exit_code", 4);
        e.put("error_code", "INVALID_ARGS");
        e.put("message", message);
        e.put("hint", "Run with --help to see usage.");
        e.put("data", Map.of("usage", usage, "choices", List.of()));
        return json(e);
    }

    private static String json(Map<String, Object> envelope) {
        try {
            return new String(JSON.writeValueAsBytes(envelope), StandardCharsets.US_ASCII);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
