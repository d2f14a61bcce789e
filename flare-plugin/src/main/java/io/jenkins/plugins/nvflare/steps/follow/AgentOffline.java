package io.jenkins.plugins.nvflare.steps.follow;

import hudson.FilePath;
import hudson.model.Computer;
import hudson.remoting.Channel;
import hudson.remoting.ChannelClosedException;
import hudson.remoting.RequestAbortedException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.nvflare.Messages;
import java.io.EOFException;
import java.io.PrintStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.channels.ClosedChannelException;

/**
 * The follow step's policy for a lost agent, as {@code sh} has it: a pause, said once, until the agent is back or
 * the configured limit has passed. Saved with the step.
 */
final class AgentOffline implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Outage outage = new Outage();

    /**
     * The agent is not reachable now: says so the first time; whether to wait on (false once {@code minutes} have
     * passed since it went).
     */
    boolean waitOn(PrintStream log, String why, String jobId, long now, int minutes) {
        if (outage.begin(now)) {
            log.println(
                    jobId == null
                            ? Messages.AgentOffline_waiting(why, String.valueOf(minutes))
                            : Messages.AgentOffline_waitingJobRuns(why, String.valueOf(minutes), jobId));
            return true;
        }
        return outage.within(now, minutes);
    }

    /** For the step's status: how long the agent has been away. */
    String away(long now) {
        return outage.lasted(now);
    }

    /** The agent answered: says so if it had been away. */
    void backOnline(PrintStream log, String jobId) {
        if (outage.end()) {
            log.println(jobId == null ? Messages.AgentOffline_back() : Messages.AgentOffline_backFollowing(jobId));
        }
    }

    /** Whether the agent of {@code ws} went away (its channel closed or its computer is offline). */
    static boolean lost(FilePath ws) {
        if (ws == null) {
            return false;
        }
        VirtualChannel channel = ws.getChannel();
        if (channel instanceof Channel remote && remote.isClosingOrClosed()) {
            return true;
        }
        Computer computer = ws.toComputer();
        return computer == null || computer.isOffline();
    }

    /** Whether a call failed because the agent's connection broke (before its computer is marked offline). */
    static boolean channelTrouble(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ChannelClosedException
                    || t instanceof RequestAbortedException
                    || t instanceof ClosedChannelException
                    || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }
}
