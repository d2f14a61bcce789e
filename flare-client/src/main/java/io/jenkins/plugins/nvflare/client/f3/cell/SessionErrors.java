package io.jenkins.plugins.nvflare.client.f3.cell;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;

/**
 * Connection and authentication failures of the native transport, with the exit code the CLI gives the
 * same codes (2: connection, authentication or startup kit), so both transports report them alike.
 */
public final class SessionErrors {
    private SessionErrors() {}

    public static FlareException connectionFailed(String message, String hint) {
        return failed(ErrorCodes.CONNECTION_FAILED, message, hint, null);
    }

    public static FlareException connectionFailed(String message, String hint, Throwable cause) {
        return failed(ErrorCodes.CONNECTION_FAILED, message, hint, cause);
    }

    public static FlareException authFailed(String message, String hint) {
        return failed(ErrorCodes.AUTH_FAILED, message, hint, null);
    }

    static FlareException failed(String errorCode, String message, String hint, Throwable cause) {
        return new FlareException(errorCode, message, hint, ExitCodes.CONNECTION_OR_KIT, null, cause);
    }
}
