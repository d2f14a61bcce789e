package io.jenkins.plugins.nvflare.client;

/**
 * Error codes: FLARE's own (as printed by {@code nvflare ... --format json}) and this library's
 * local ones, which FLARE never emits.
 */
public final class ErrorCodes {
    // FLARE's codes, as seen in the real captures.
    public static final String CONNECTION_FAILED = "CONNECTION_FAILED";
    public static final String AUTH_FAILED = "AUTH_FAILED";
    public static final String STARTUP_KIT_MISSING = "STARTUP_KIT_MISSING";
    public static final String JOB_NOT_FOUND = "JOB_NOT_FOUND";
    public static final String JOB_FAILED = "JOB_FAILED";
    public static final String JOB_FINISHED_EXCEPTION = "JOB_FINISHED_EXCEPTION";
    public static final String JOB_ABORTED = "JOB_ABORTED";
    public static final String JOB_ABANDONED = "JOB_ABANDONED";
    public static final String LOG_NOT_FOUND = "LOG_NOT_FOUND";
    public static final String TIMEOUT = "TIMEOUT";
    public static final String INVALID_ARGS = "INVALID_ARGS";
    public static final String SUBMIT_TOKEN_CONFLICT = "SUBMIT_TOKEN_CONFLICT";
    public static final String SUBMIT_TOKEN_JOB_DELETED = "SUBMIT_TOKEN_JOB_DELETED";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    public static final String JOB_INVALID = "JOB_INVALID";
    public static final String JOB_NOT_DONE = "JOB_NOT_DONE";
    /** The download could not be written locally (cli_errors.py OUTPUT_DIR_NOT_WRITABLE). */
    public static final String OUTPUT_DIR_NOT_WRITABLE = "OUTPUT_DIR_NOT_WRITABLE";
    /** abort or stats of a job that is not running (nvflare/tool/cli_errors.py). */
    public static final String JOB_NOT_RUNNING = "JOB_NOT_RUNNING";
    /** log-config for a site the server does not know or that did not answer (cli_errors.py). */
    public static final String SITE_NOT_FOUND = "SITE_NOT_FOUND";
    /** log-config without a level (cli_errors.py; job_cli.py cmd_job_log). */
    public static final String LOG_CONFIG_INVALID = "LOG_CONFIG_INVALID";

    // Local codes: for what the CLI never meets or answers differently. Every local check of a kit,
    // job folder, job id, submit token or --since value that has a CLI counterpart carries the CLI's code
    // and exit code instead (README, "One contract").
    /** The {@code nvflare} executable could not be started. */
    public static final String CLI_NOT_FOUND = "CLI_NOT_FOUND";
    /** The CLI printed something that is not the JSON contract (or nothing at all). */
    public static final String CLI_OUTPUT_INVALID = "CLI_OUTPUT_INVALID";
    /** The CLI did not finish before the command deadline and was killed. */
    public static final String CLI_DEADLINE_EXCEEDED = "CLI_DEADLINE_EXCEEDED";
    /**
     * The kit credential (a zip) cannot be unpacked, or the native transport cannot use a kit the CLI
     * could (an unknown scheme, a key type it does not support). The CLI only ever sees kit folders.
     */
    public static final String KIT_INVALID = "KIT_INVALID";
    /**
     * A path that would reach outside its folder: a symbolic link in a job folder (the CLI follows it and
     * uploads its target; both transports refuse it), a kit zip entry or a download file outside its target.
     */
    public static final String UNSAFE_PATH = "UNSAFE_PATH";

    /**
     * The FLARE server (native transport) or the {@code nvflare} CLI (cli transport) is a version that cannot do
     * what was asked: refused before anything is sent, naming the version it needs ({@link FlareFeature}).
     */
    public static final String FLARE_VERSION_UNSUPPORTED = "FLARE_VERSION_UNSUPPORTED";

    /** Python could not be started to export a job script ({@code flareSubmit jobScript}; the CLI has no such step). */
    public static final String PYTHON_NOT_FOUND = "PYTHON_NOT_FOUND";
    /** A job script's export failed or wrote no job folder ({@code python job.py --export}). */
    public static final String JOB_EXPORT_FAILED = "JOB_EXPORT_FAILED";

    private ErrorCodes() {}
}
