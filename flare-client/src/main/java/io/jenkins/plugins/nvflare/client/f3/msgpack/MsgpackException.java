package io.jenkins.plugins.nvflare.client.f3.msgpack;

import java.io.IOException;

/** Bytes that are not valid msgpack (or use a part of msgpack FLARE never sends), or a value we cannot encode. */
public final class MsgpackException extends IOException {
    private static final long serialVersionUID = 1L;

    public MsgpackException(String message) {
        super(message);
    }
}
