package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.FlareVersion;

/**
 * The FLARE server versions the native transport was verified against: 2.7.x, 2.8.x and the 2.9 line (NVFlare's main
 * branch, 2.9.0dev). Every login learns the server's version ({@link ServerVersions}); a server outside this range
 * is refused before any command, since its wire details (upload keys, commands, replies) may differ in ways this
 * client cannot see, and the answer names the {@code cli} transport, which runs the server's own {@code nvflare}. A
 * server older than 2.8.0 answers no version, so it counts as 2.7 (releases before 2.7 are not told apart).
 */
public final class VerifiedVersions {
    /** The first release verified. */
    public static final FlareVersion FIRST = new FlareVersion(2, 7, 0, "2.7.0");
    /** The first release after the verified ones. */
    public static final FlareVersion BEYOND = new FlareVersion(2, 10, 0, "2.10.0");

    private VerifiedVersions() {}

    /** Whether the native transport was verified against {@code version}. */
    public static boolean verified(FlareVersion version) {
        return version.atLeast(FIRST) && !version.atLeast(BEYOND);
    }

    /**
     * @param whose "the FLARE server at host:port", for the message
     * @throws FlareException {@link ErrorCodes#FLARE_VERSION_UNSUPPORTED} (local) for a version outside the range
     */
    public static void require(FlareVersion version, String whose) throws FlareException {
        if (!verified(version)) {
            throw FlareException.local(
                    ErrorCodes.FLARE_VERSION_UNSUPPORTED,
                    whose + " is NVFlare " + version.text() + "; the native transport is verified with NVFlare 2.7.x,"
                            + " 2.8.x and 2.9 (main) only, so it sends nothing to this server.",
                    "Use the cli transport (transport: 'cli') with an nvflare of the server's version on the agent"
                            + " (pip install 'nvflare==" + version.major() + "." + version.minor() + ".*').");
        }
    }
}
