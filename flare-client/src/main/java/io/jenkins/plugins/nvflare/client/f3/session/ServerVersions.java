package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.FlareVersion;
import io.jenkins.plugins.nvflare.client.f3.hci.HciCommands;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import java.io.IOException;
import java.util.Map;

/**
 * Learns a logged-in server's NVFlare version with {@code report_version server} (sys_cmd.py, from 2.8.0), as
 * {@code nvflare system version} does: a dict item {@code {"server": {"version": "2.8.1"}}}. A 2.7 server
 * answers {@code Unknown command "report_version"} (hci/server/reg.py), so it is {@link FlareVersion#BEFORE_2_8}.
 */
public final class ServerVersions {
    static final String COMMAND = "report_version server";
    /** A server that has the command but did not tell (e.g. a role not allowed to run it) is 2.8.0 or later. */
    static final FlareVersion UNREPORTED = new FlareVersion(2, 8, 0, "2.8.0 or later");

    private ServerVersions() {}

    /** @throws IOException the server did not answer */
    public static FlareVersion ask(HciCommands hci) throws IOException, FlareException {
        return of(hci.command(COMMAND));
    }

    static FlareVersion of(HciReply reply) {
        for (HciReply.Item item : reply.items()) {
            if (item.type().equals("error")
                    && item.data() instanceof String text
                    && text.startsWith("Unknown command \"report_version\"")) {
                return FlareVersion.BEFORE_2_8;
            }
            if (item.type().equals("dict")
                    && item.data() instanceof Map<?, ?> sites
                    && sites.get("server") instanceof Map<?, ?> server
                    && server.get("version") instanceof String v) {
                return FlareVersion.parse(v).orElse(UNREPORTED);
            }
        }
        return UNREPORTED;
    }
}
