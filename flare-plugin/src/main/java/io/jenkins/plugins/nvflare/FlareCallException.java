package io.jenkins.plugins.nvflare;

import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.IOException;
import java.io.Serial;

/** Carries a {@link FlareException} from the agent back to the controller through a FilePath call. */
final class FlareCallException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    FlareCallException(FlareException cause) {
        super(cause.getMessage(), cause);
    }

    FlareException flare() {
        return (FlareException) getCause();
    }
}
