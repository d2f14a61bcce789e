package io.jenkins.plugins.nvflare.client.f3.hci;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.CellRequester;
import java.io.IOException;

/**
 * Runs hci command lines on a logged-in admin session (client/api.py {@code do_command}); the
 * operations are written against this so they can be tested without sockets.
 */
@FunctionalInterface
public interface HciCommands {
    /**
     * @throws IOException the server did not answer (timeout, connection lost, unreadable reply)
     * @throws FlareException the connection layer refused the call (see {@link CellRequester})
     */
    HciReply command(String commandLine) throws IOException, FlareException;
}
