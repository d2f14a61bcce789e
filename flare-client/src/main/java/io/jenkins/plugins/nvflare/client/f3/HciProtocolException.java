package io.jenkins.plugins.nvflare.client.f3;

import java.io.IOException;

/** An hci reply that does not follow nvflare/fuel/hci/proto.py. */
final class HciProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    HciProtocolException(String message) {
        super(message);
    }
}
