package io.jenkins.plugins.nvflare.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A FLARE operation that did not succeed: carries FLARE's {@code error_code}, message, hint and exit
 * code, or one of this library's own codes (see {@link ErrorCodes}) for problems found before or
 * around the call.
 */
public class FlareException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final String hint;
    private final int exitCode;
    private final Map<String, Object> data;

    public FlareException(String errorCode, String message, String hint, int exitCode, Map<String, Object> data) {
        this(errorCode, message, hint, exitCode, data, null);
    }

    public FlareException(
            String errorCode, String message, String hint, int exitCode, Map<String, Object> data, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.hint = hint == null ? "" : hint;
        this.exitCode = exitCode;
        this.data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * A problem only this library knows (no FLARE exit code), e.g. a symbolic link in a job folder. A local
     * check of an input the CLI also judges uses the CLI's code and exit code instead.
     */
    public static FlareException local(String errorCode, String message, String hint) {
        return new FlareException(errorCode, message, hint, ExitCodes.LOCAL, null);
    }

    /** FLARE's {@code error_code} (e.g. {@code JOB_NOT_FOUND}) or one of {@link ErrorCodes}. */
    public String errorCode() {
        return errorCode;
    }

    /** What the user can do about it; empty when FLARE gave no hint. */
    public String hint() {
        return hint;
    }

    /** The CLI's exit code (see {@link ExitCodes}); {@link ExitCodes#LOCAL} for local problems. */
    public int exitCode() {
        return exitCode;
    }

    /** Extra data FLARE attached to the error (e.g. {@code existing_job_id}); never null. */
    public Map<String, Object> data() {
        return data;
    }

    /** Message, hint and code in one line, as a build console should show it. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.valueOf(getMessage()));
        if (!hint.isEmpty()) {
            sb.append(" Hint: ").append(hint);
        }
        sb.append(" [").append(errorCode);
        if (exitCode != ExitCodes.LOCAL) {
            sb.append(", exit ").append(exitCode);
        }
        return sb.append(']').toString();
    }
}
