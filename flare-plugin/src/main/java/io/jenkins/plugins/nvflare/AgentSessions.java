package io.jenkins.plugins.nvflare;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import hudson.remoting.Channel;
import io.jenkins.plugins.nvflare.client.KeptClients;
import java.io.IOException;
import jenkins.model.Jenkins;

/**
 * Where the native transport's logins are kept between the calls of a step ({@link KeptClients}): on an agent, on
 * its channel to the controller, so they go when the channel goes (a controller restart, an agent reconnect); on
 * the controller's own node, which has no such channel, in {@link OnController}, closed when Jenkins stops.
 */
final class AgentSessions {

    private static final String KEY = AgentSessions.class.getName();

    private AgentSessions() {}

    /** The kept clients of the JVM this call runs in, or null when there is nowhere to keep them. */
    static KeptClients current() {
        Channel channel = Channel.current();
        if (channel == null) { // not a remote call: the controller's own node
            return Jenkins.getInstanceOrNull() == null ? null : ExtensionList.lookupSingleton(OnController.class).clients;
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

    /** The logins kept for steps running on the controller's own node. */
    @Extension
    public static final class OnController {
        private final KeptClients clients = new KeptClients();

        @Terminator
        public static void closeAll() {
            OnController kept = ExtensionList.lookupSingleton(OnController.class);
            kept.clients.close();
        }
    }
}
