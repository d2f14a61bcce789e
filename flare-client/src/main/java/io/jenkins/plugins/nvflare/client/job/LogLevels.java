package io.jenkins.plugins.nvflare.client.job;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The level of {@code nvflare job log-config <job_id> <level>} as the CLI judges it before connecting. It checks
 * only that there is one (cmd_job_log); which levels exist is the server's call (log_utils.py
 * {@code validate_site_log_config}: the listed modes, any level name in any case, numbers 0-50), so both transports
 * send any other value and report the server's refusal as the CLI does (captures 177-181).
 */
public final class LogLevels {
    /** job_cli.py cmd_job_log's output_usage_error (capture 182-log-config-missing-level). */
    static final String MISSING_MESSAGE =
            "Log config is not a recognised log mode. \u2014 provide a valid level name or mode";

    static final String MISSING_HINT =
            "Supply one of: DEBUG, INFO, WARNING, ERROR, CRITICAL, concise, msg_only, full, verbose, reload.";

    /** argparse's {@code _negative_number_matcher}: such a value stays a positional argument. */
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("^-\\d+$|^-\\d*\\.\\d+$");

    private static final Set<String> NAMES =
            Set.of("DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "FATAL", "NOTSET");
    private static final Set<String> MODES = Set.of("concise", "msg_only", "full", "verbose", "reload");

    private LogLevels() {}

    /**
     * Whether the server takes {@code level} (log_utils.py validate_site_log_config): a built-in mode, a level name
     * in any case, or a number 0-50. Others pass the CLI and fail only when the running job applies them.
     */
    public static boolean known(String level) {
        if (level == null) {
            return false;
        }
        String l = level.trim();
        if (MODES.contains(l) || NAMES.contains(l.toUpperCase(Locale.ROOT))) {
            return true;
        }
        try {
            int n = Integer.parseInt(l);
            return n >= 0 && n <= 50;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Returns {@code level} unless the CLI would refuse it before connecting.
     *
     * @throws FlareException LOG_CONFIG_INVALID, exit 4, for none or an empty one; INVALID_ARGS, exit 4, with
     *     argparse's message for one starting with '-' (read as an unknown option), e.g. {@code -LOUD}
     */
    public static String requireArgument(String level) throws FlareException {
        if (level == null || level.isEmpty()) {
            throw new FlareException(
                    ErrorCodes.LOG_CONFIG_INVALID, MISSING_MESSAGE, MISSING_HINT, ExitCodes.INVALID_ARGS, null);
        }
        if (level.startsWith("-") && !NEGATIVE_NUMBER.matcher(level).matches()) {
            throw new FlareException(
                    ErrorCodes.INVALID_ARGS,
                    "nvflare job: unrecognized arguments: " + level,
                    "Run with --help to see usage.",
                    ExitCodes.INVALID_ARGS,
                    null);
        }
        return level;
    }
}
