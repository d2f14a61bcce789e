package io.jenkins.plugins.nvflare.run;

import java.io.Serial;
import jenkins.model.CauseOfInterruption;

/** Why the build was aborted: the FLARE job was. */
public final class FlareJobAborted extends CauseOfInterruption {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String message;

    public FlareJobAborted(String message) {
        this.message = message;
    }

    @Override
    public String getShortDescription() {
        return message;
    }
}
