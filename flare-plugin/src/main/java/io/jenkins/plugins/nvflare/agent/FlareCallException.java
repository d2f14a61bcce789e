package io.jenkins.plugins.nvflare.agent;

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
    private static final long serialVersionUID = 2L;

    private final String description;
    private final String errorCode;

    FlareCallException(FlareException cause) {
        super(cause.getMessage());
        this.description = cause.describe();
        this.errorCode = cause.errorCode();
        setStackTrace(cause.getStackTrace());
    }

    /** Message, hint and code in one line, as {@link FlareException#describe()} gives them. */
    public String description() {
        return description;
    }

    /** FLARE's error code (or one of the plugin's, see the README). */
    public String errorCode() {
        return errorCode;
    }
}
