package io.jenkins.plugins.nvflare.agent;

import hudson.remoting.Channel;
import io.jenkins.plugins.nvflare.client.KeptClients;
import java.io.IOException;

/**
 * Where the native transport's logins are kept between the calls of a step ({@link KeptClients}): on an agent, on
 * its channel to the controller, so they go when the channel goes (a controller restart, an agent reconnect); on
 * the controller's own node, which has no such channel, in the controller's holder the call was given.
 */
final class AgentSessions {

    private static final String KEY = AgentSessions.class.getName();

    private AgentSessions() {}

    /**
     * Guards the check-then-set of the channel's property. Not the channel itself: remoting locks the channel while it
     * loads classes from the controller, so a thread holding the channel's monitor and loading a class deadlocks
     * against one loading a class and waiting for the monitor (seen with parallel first calls on a fresh agent).
     */
    private static final Object CREATING = new Object();

    /** The kept clients of the JVM this call runs in, or null when there is nowhere to keep them. */
    static KeptClients current(KeptClients onController) {
        Channel channel = Channel.current();
        if (channel == null) { // not a remote call: the controller's own node
            return onController;
        }
        KeptClients kept = (KeptClients) channel.getProperty(KEY);
        if (kept != null || channel.isClosingOrClosed()) {
            return kept;
        }
        // made before the lock, so that no class is loaded from the controller while it is held
        KeptClients created = new KeptClients();
        Channel.Listener closer = new Closer(created);
        synchronized (CREATING) {
            kept = (KeptClients) channel.getProperty(KEY);
            if (kept == null) {
                channel.setProperty(KEY, created);
                channel.addListener(closer);
                return created;
            }
        }
        created.close(); // another call made them first
        return kept;
    }

    /** Closes the kept clients when the channel closes. */
    private static final class Closer extends Channel.Listener {
        private final KeptClients clients;

        Closer(KeptClients clients) {
            this.clients = clients;
        }

        @Override
        public void onClosed(Channel c, IOException cause) {
            clients.close();
        }
    }
}
