package io.jenkins.plugins.nvflare;

import hudson.remoting.Channel;
import io.jenkins.plugins.nvflare.client.KeptClients;
import java.io.IOException;

/**
 * Where an agent keeps the native transport's logins between the calls of a step ({@link KeptClients}): on its
 * channel to the controller, so they go when the channel goes (a controller restart, an agent reconnect). A call
 * on the controller's own node has no such channel and logs in for itself.
 */
final class AgentSessions {

    private static final String KEY = AgentSessions.class.getName();

    private AgentSessions() {}

    /** The current channel's kept clients, or null outside a remote call. */
    static KeptClients current() {
        Channel channel = Channel.current();
        if (channel == null) {
            return null;
        }
        synchronized (channel) {
            KeptClients clients = (KeptClients) channel.getProperty(KEY);
            if (clients == null && !channel.isClosingOrClosed()) {
                KeptClients created = new KeptClients();
                channel.setProperty(KEY, created);
                channel.addListener(new Channel.Listener() {
                    @Override
                    public void onClosed(Channel c, IOException cause) {
                        created.close();
                    }
                });
                clients = created;
            }
            return clients;
        }
    }
}
