package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.f3.hci.HciCommands;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;

/** A logged-in admin session for one operation; closing it logs out and closes the connection. */
public interface AdminSession extends HciCommands, AutoCloseable {
    /** What job upload and download stream with besides hci commands: the login (cell, auth headers) and the kit. */
    Streaming streaming();

    /**
     * Marks the connection as left in an unknown state by a streaming call (e.g. interrupted while a request
     * was unanswered): {@link #close()} then skips the logout, which would wait for an answer that may not
     * come. Failures of {@link #command} mark it by themselves.
     */
    default void abandon() {}

    @Override
    void close();

    /** The logged-in session and the kit that signs uploads. */
    record Streaming(AdminLogin.Session login, AdminIdentity kit) {}

    /** Opens a session: connection plus login, for one study. */
    @FunctionalInterface
    interface Factory {
        /** @param study the study to log in to; null means {@code default} */
        AdminSession open(String study) throws io.jenkins.plugins.nvflare.client.FlareException, InterruptedException;

        /**
         * The kit whose key signs job uploads, without connecting: submit signs and zips the job before it
         * opens a session, so a job folder that cannot be read is a local error, not a connection failure.
         */
        default AdminIdentity kit() throws io.jenkins.plugins.nvflare.client.FlareException {
            throw new UnsupportedOperationException("this session factory has no kit to sign uploads with");
        }
    }
}
