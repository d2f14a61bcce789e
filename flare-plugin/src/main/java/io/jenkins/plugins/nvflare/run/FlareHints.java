package io.jenkins.plugins.nvflare.run;

import io.jenkins.plugins.nvflare.Messages;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import java.util.Locale;

/**
 * FLARE's hints in Jenkins terms. FLARE (and the native transport, which speaks the CLI's words) advises
 * {@code nvflare job ...} commands and options; a Jenkins user is told the step and option that do the same, on
 * either transport. A hint that names no command is FLARE's own.
 */
public final class FlareHints {

    private FlareHints() {}

    /**
     * The hint to show for FLARE's {@code errorCode} and {@code hint} (either may be null or blank); null when there is
     * none. {@code study} is the study the step searched (null: FLARE's default).
     */
    public static String forJenkins(String errorCode, String hint, String study) {
        String code = errorCode == null ? "" : errorCode;
        switch (code) {
            case ErrorCodes.JOB_FAILED, ErrorCodes.JOB_FINISHED_EXCEPTION:
                return Messages.FlareHints_inspectFailure();
            case ErrorCodes.JOB_ABORTED, ErrorCodes.JOB_ABANDONED:
                return Messages.FlareHints_details();
            case ErrorCodes.JOB_NOT_FOUND:
                return Messages.FlareHints_otherStudy(study == null || study.isBlank() ? "default" : study);
            case ErrorCodes.JOB_NOT_RUNNING:
                return Messages.FlareHints_notRunning();
            case ErrorCodes.TIMEOUT:
                return hint == null || !hint.contains("--timeout") ? blankToNull(hint) : Messages.FlareHints_timeout();
            default:
                break;
        }
        if (hint == null || hint.isBlank()) {
            return null;
        }
        String h = hint.toLowerCase(Locale.ROOT);
        if (h.contains("nvflare job abort")) {
            return Messages.FlareHints_abortFirst();
        }
        if (h.contains("nvflare job wait") || h.contains("nvflare job monitor")) {
            return Messages.FlareHints_waitFirst();
        }
        if (h.contains("nvflare job list")) {
            return Messages.FlareHints_listJobs();
        }
        if (h.contains("nvflare job logs")) {
            return Messages.FlareHints_inspectFailure();
        }
        if (h.contains("nvflare job meta")) {
            return Messages.FlareHints_details();
        }
        if (h.contains("--help") || h.contains("usage")) {
            return Messages.FlareHints_options();
        }
        return hint.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * A FLARE error as console lines: FLARE's message with its code (and the CLI's exit code), then the hint on a line
     * of its own.
     */
    public static String describe(String message, String errorCode, int exitCode, String hint, String study) {
        String code = errorCode == null ? "" : exitCode >= 0 ? errorCode + ", exit " + exitCode : errorCode;
        String text = Messages.FlareHints_error(message == null ? "" : message.strip(), code);
        String jenkinsHint = forJenkins(errorCode, hint, study);
        return jenkinsHint == null ? text : text + "\n" + Messages.FlareHints_hint(jenkinsHint);
    }
}
