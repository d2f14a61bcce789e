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

    /** The kept clients of the JVM this call runs in, or null when there is nowhere to keep them. */
    static KeptClients current(KeptClients onController) {
        Channel channel = Channel.current();
        if (channel == null) { // not a remote call: the controller's own node
            return onController;
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
