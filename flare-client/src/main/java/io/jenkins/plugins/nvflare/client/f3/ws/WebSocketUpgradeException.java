package io.jenkins.plugins.nvflare.client.f3.ws;

import java.io.IOException;

/** The server answered the websocket upgrade request with an HTTP status other than 101. */
public final class WebSocketUpgradeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public WebSocketUpgradeException(int status, String reason, Throwable cause) {
        super("HTTP " + status + (reason == null || reason.isEmpty() ? "" : " " + reason), cause);
        this.status = status;
    }

    int status() {
        return status;
    }
}
