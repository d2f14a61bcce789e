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

    /** Whether the console was told of the outage under way (it is said only once it lasted a moment). */
    private boolean said;

    /**
     * The agent is not reachable now: says so once the outage lasted {@code graceMillis} (a controller that shuts
     * down closes its agents' connections first, and is gone by then); whether to wait on (false once {@code minutes}
     * have passed since it went).
     */
    boolean waitOn(PrintStream log, String why, String jobId, long now, int minutes, long graceMillis) {
        outage.begin(now);
        if (!said && outage.lastedMillis(now) >= graceMillis) {
            said = true;
            log.println(
                    jobId == null
                            ? Messages.AgentOffline_waiting(why, String.valueOf(minutes))
                            : Messages.AgentOffline_waitingJobRuns(why, String.valueOf(minutes), jobId));
        }
        return outage.within(now, minutes);
    }

    /** For the step's status: how long the agent has been away. */
    String away(long now) {
        return outage.lasted(now);
    }

    /** The agent answered: says so if it had been away. */
    void backOnline(PrintStream log, String jobId) {
        if (outage.end() && said) {
            said = false;
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

    /** Why the agent cannot be reached, in words: a broken connection is not a Java exception to a user. */
    static String why(Throwable e) {
        return channelTrouble(e)
                ? Messages.FollowExecution_channelClosed()
                : e.getMessage() != null ? e.getMessage() : e.toString();
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
