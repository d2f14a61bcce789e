package io.jenkins.plugins.nvflare.client.f3.hci;

import java.io.IOException;

/** An hci reply that does not follow nvflare/fuel/hci/proto.py. */
public final class HciProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public HciProtocolException(String message) {
        super(message);
    }
}
