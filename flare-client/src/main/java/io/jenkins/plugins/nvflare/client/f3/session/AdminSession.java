package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.FlareVersion;
import io.jenkins.plugins.nvflare.client.f3.hci.HciCommands;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;

/**
 * A logged-in admin session for one operation; closing it ends the operation's use of it: a session of its own
 * is logged out and closed, a kept one ({@link SessionKeeper}) is handed back for the next operation.
 */
public interface AdminSession extends HciCommands, AutoCloseable {
    /** What job upload and download stream with besides hci commands: the login (cell, auth headers) and the kit. */
    Streaming streaming();

    /**
     * Marks the connection as left in an unknown state by a streaming call (e.g. interrupted while a request
     * was unanswered): {@link #close()} then skips the logout, which would wait for an answer that may not
     * come. Failures of {@link #command} mark it by themselves.
     */
    default void abandon() {}

    /**
     * Whether the last failure came from a kept session the server had already dropped or ended (the connection
     * closed, or {@code session_inactive}) before this operation got any answer: the operation did nothing on the
     * server and may run again on a new login.
     */
    default boolean stale() {
        return false;
    }

    /**
     * The server's NVFlare version, learned once per login ({@link ServerVersions}). Sessions that do not ask
     * (scripted stand-ins in tests) count as {@link FlareVersion#V2_8_0}, the release the wire format is written for.
     */
    default FlareVersion serverVersion() {
        return FlareVersion.V2_8_0;
    }

    @Override
    void close();

    /** The logged-in session and the kit that signs uploads. */
    record Streaming(AdminLogin.Session login, AdminIdentity kit) {}

    /** Opens a session: connection plus login, for one study; closing the factory ends what it keeps. */
    @FunctionalInterface
    interface Factory extends AutoCloseable {
        /** @param study the study to log in to; null means {@code default} */
        AdminSession open(String study) throws io.jenkins.plugins.nvflare.client.FlareException, InterruptedException;

        /**
         * As {@link #open(String)}, but a kept session is checked with the server however briefly it was idle:
         * for an upload or download, which are not repeated when the session turns out to be gone.
         */
        default AdminSession openChecked(String study)
                throws io.jenkins.plugins.nvflare.client.FlareException, InterruptedException {
            return open(study);
        }

        /**
         * The kit whose key signs job uploads, without connecting: submit signs and zips the job before it
         * opens a session, so a job folder that cannot be read is a local error, not a connection failure.
         */
        default AdminIdentity kit() throws io.jenkins.plugins.nvflare.client.FlareException {
            throw new UnsupportedOperationException("this session factory has no kit to sign uploads with");
        }

        @Override
        default void close() {}
    }
}
