package io.jenkins.plugins.nvflare.run;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import io.jenkins.plugins.nvflare.client.KeptClients;

/**
 * The native logins kept between a step's calls when the step runs on the controller's own node, which has no agent
 * channel to keep them on; closed when Jenkins stops.
 */
@Extension
public final class ControllerSessions {

    private final KeptClients clients = new KeptClients();

    static KeptClients clients() {
        return ExtensionList.lookupSingleton(ControllerSessions.class).clients;
    }

    @Terminator
    public static void closeAll() {
        ExtensionList.lookupSingleton(ControllerSessions.class).clients.close();
    }
}
