package io.jenkins.plugins.nvflare.steps.follow;

import hudson.Util;
import java.io.Serial;
import java.io.Serializable;

/**
 * Since when something the follow step needs has been away (its agent, FLARE's answers), and whether it may still be
 * waited for: the bound both {@link AgentOffline} and {@link PollFailures} keep. Saved with the step.
 */
final class Outage implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private long since;

    /** Whether this begins an outage at {@code now} (false: one is already under way). */
    boolean begin(long now) {
        if (since != 0) {
            return false;
        }
        since = now;
        return true;
    }

    /** Whether the outage under way is still within {@code minutes}. */
    boolean within(long now, int minutes) {
        return now - since <= minutes * 60_000L;
    }

    /** How long the outage under way has lasted, in milliseconds (0: none). */
    long lastedMillis(long now) {
        return since == 0 ? 0 : now - since;
    }

    /** How long it has lasted, for the step's status. */
    String lasted(long now) {
        return Util.getTimeSpanString(now - since);
    }

    /** Ends it; whether one was under way. */
    boolean end() {
        boolean was = since != 0;
        since = 0;
        return was;
    }
}
