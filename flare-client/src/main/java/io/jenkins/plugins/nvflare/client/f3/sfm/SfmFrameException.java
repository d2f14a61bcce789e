package io.jenkins.plugins.nvflare.client.f3.sfm;

import java.io.IOException;

/** A byte sequence that is not a well-formed SFM frame (or a frame we refuse, e.g. above the size limit). */
public final class SfmFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    public SfmFrameException(String message) {
        super(message);
    }

    public SfmFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
