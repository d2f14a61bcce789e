package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.IOException;
import java.io.Serial;

/**
 * Carries a {@link FlareException} from the agent back to the controller through a FilePath call. It
 * keeps the description as text, not the exception and its causes: those may hold library classes
 * that the agent channel's class filter refuses.
 */
public final class FlareCallException extends IOException {

    @Serial
    private static final long serialVersionUID = 3L;

    private final String errorCode;
    private final String hint;
    private final int exitCode;

    FlareCallException(FlareException cause) {
        super(cause.getMessage());
        this.errorCode = cause.errorCode();
        this.hint = cause.hint();
        this.exitCode = cause.exitCode();
        setStackTrace(cause.getStackTrace());
    }

    /** FLARE's hint, as FLARE (or the transport, in the CLI's words) gave it; empty when there is none. */
    public String hint() {
        return hint;
    }

    /** The CLI's exit code ({@link ExitCodes}); {@link ExitCodes#LOCAL} for a problem found without FLARE. */
    public int exitCode() {
        return exitCode;
    }

    /** FLARE's error code (or one of the plugin's, see the README). */
    public String errorCode() {
        return errorCode;
    }
}
