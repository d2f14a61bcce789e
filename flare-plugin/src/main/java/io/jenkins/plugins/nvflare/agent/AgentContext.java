package io.jenkins.plugins.nvflare.agent;

import hudson.model.TaskListener;
import io.jenkins.plugins.nvflare.FlareSettings;
import java.io.Serial;
import java.io.Serializable;

/**
 * What every agent call of a step shares. The kit bytes travel over the agent channel only and are never printed or
 * saved: a durable step keeps its credential's id, not this.
 *
 * @param kitTempDir the private folder beside the workspace where the kit is materialised for a call
 * @param kitWarnings print the kit's warnings (an expiring certificate); a step's later polls do not repeat them
 * @param sayServer name the FLARE server, the user and the transport in the console (the build's first call with
 *     this credential and transport does)
 * @param sessionKey the native transport keeps its login on the agent under this key for the step's next call, for at
 *     most {@code keepSeconds}; null: each call logs in and out
 */
public record AgentContext(
        byte[] kitZip,
        String kitTempDir,
        FlareSettings settings,
        TaskListener listener,
        boolean kitWarnings,
        boolean sayServer,
        String sessionKey,
        long keepSeconds)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public AgentContext(
            byte[] kitZip,
            String kitTempDir,
            FlareSettings settings,
            TaskListener listener,
            boolean kitWarnings,
            boolean sayServer) {
        this(kitZip, kitTempDir, settings, listener, kitWarnings, sayServer, null, 0);
    }

    /** The same context, with the login kept under {@code key} between calls. */
    public AgentContext keepingSession(String key, long seconds) {
        return new AgentContext(kitZip, kitTempDir, settings, listener, kitWarnings, sayServer, key, seconds);
    }

    /** The same context for a step's later calls: the kit's warnings and the server were said by its first. */
    public AgentContext withoutKitWarnings() {
        return kitWarnings || sayServer
                ? new AgentContext(kitZip, kitTempDir, settings, listener, false, false, sessionKey, keepSeconds)
                : this;
    }

    /** Whether the calls keep a login between them. */
    public boolean keepsSession() {
        return sessionKey != null && settings.keepsSessions();
    }

    @Override
    public String toString() {
        return "AgentContext[kit=<secret>, " + settings + (sessionKey == null ? "" : ", session " + sessionKey) + "]";
    }
}
