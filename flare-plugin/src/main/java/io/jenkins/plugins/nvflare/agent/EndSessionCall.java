package io.jenkins.plugins.nvflare.agent;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.nvflare.client.KeptClients;
import java.io.File;
import java.io.Serial;
import jenkins.MasterToSlaveFileCallable;

/** Ends the login kept on the agent for a step ({@link AgentSessions}); needs no kit. */
public final class EndSessionCall extends MasterToSlaveFileCallable<Boolean> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String sessionKey;

    @SuppressFBWarnings(
            value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
            justification = "null on an agent, where the channel keeps logins")
    private final transient KeptClients controllerSessions;

    /** {@code controllerSessions}: where the controller's own node keeps logins (unused on an agent). */
    public EndSessionCall(String sessionKey, KeptClients controllerSessions) {
        this.sessionKey = sessionKey;
        this.controllerSessions = controllerSessions;
    }

    @Override
    public Boolean invoke(File workspace, VirtualChannel channel) {
        KeptClients kept = AgentSessions.current(controllerSessions);
        return kept != null && kept.release(sessionKey);
    }
}
