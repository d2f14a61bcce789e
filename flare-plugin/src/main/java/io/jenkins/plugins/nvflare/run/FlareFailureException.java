package io.jenkins.plugins.nvflare.run;

import hudson.AbortException;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import java.io.Serial;
import java.util.Set;

/** A FLARE error as a step failure: the message is FLARE's (with its hint and code), the code kept for decisions. */
public final class FlareFailureException extends AbortException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Codes of a FLARE server or CLI that did not answer this time, which a later call may get past. */
    private static final Set<String> PASSING = Set.of(
            ErrorCodes.CONNECTION_FAILED,
            ErrorCodes.TIMEOUT,
            ErrorCodes.INTERNAL_ERROR,
            ErrorCodes.CLI_DEADLINE_EXCEEDED,
            ErrorCodes.CLI_OUTPUT_INVALID);

    private final String errorCode;

    FlareFailureException(String message, String errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }

    /** Whether the error may pass: the server or the CLI failed to answer, not the request or the job. */
    public boolean mayPass() {
        return errorCode != null && PASSING.contains(errorCode);
    }
}
