package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.FlareVersion;
import io.jenkins.plugins.nvflare.client.f3.errors.ReplyCheck;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.sfm.Interrupts;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps one logged-in session between the operations of one client, so that a build step's submit, polls, logs
 * and download connect and log in once, as FLARE's own admin API keeps its session. A kept session idle for
 * {@link #CHECK_AFTER_IDLE} or more (and any kept session before an upload or download) is first checked with
 * {@code _check_session} (sess.py); when the server has dropped the connection or ended the session (idle
 * timeout, restart) it is replaced by a new login. One operation uses the kept session at a time: a concurrent
 * one gets a session of its own, closed after it. Closing the keeper logs the kept session out; nothing is kept
 * after that. A session kept unused for {@link #KEEP_IDLE} is logged out by the keeper's own daemon thread (which
 * ends with it), so a client nobody closes holds no connection for long.
 */
public final class SessionKeeper implements AdminSession.Factory {
    /** Idle time after which a kept session is checked before reuse; shorter gaps (back-to-back calls) are not. */
    static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(5);

    static final String CHECK_SESSION = "_check_session";
    /** How long a kept session may stay unused before it is logged out. */
    static final Duration KEEP_IDLE = Duration.ofSeconds(60);

    private final AdminSession.Factory logins;
    private final LongSupplier nanoClock;
    private final Duration keepIdle;
    private Kept kept; // guarded by this
    private boolean closed; // guarded by this
    private boolean reaping; // guarded by this: the thread that logs out an unused kept session runs

    private record Kept(AdminSession session, String study, long idleSince) {}

    /** @param logins opens new sessions (connection and login), e.g. {@link KitAdminSessions} */
    public SessionKeeper(AdminSession.Factory logins) {
        this(logins, System::nanoTime);
    }

    SessionKeeper(AdminSession.Factory logins, LongSupplier nanoClock) {
        this(logins, nanoClock, KEEP_IDLE);
    }

    SessionKeeper(AdminSession.Factory logins, LongSupplier nanoClock, Duration keepIdle) {
        this.logins = logins;
        this.nanoClock = nanoClock;
        this.keepIdle = keepIdle;
    }

    @Override
    public AdminSession open(String study) throws FlareException, InterruptedException {
        return open(study, false);
    }

    @Override
    public AdminSession openChecked(String study) throws FlareException, InterruptedException {
        return open(study, true);
    }

    @Override
    public AdminIdentity kit() throws FlareException {
        return logins.kit();
    }

    private AdminSession open(String study, boolean check) throws FlareException, InterruptedException {
        String wanted = study == null ? "default" : study;
        Kept reuse;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the FLARE client is closed");
            }
            reuse = kept;
            kept = null;
        }
        if (reuse != null) {
            boolean sameStudy = reuse.study().equals(wanted);
            boolean rested = nanoClock.getAsLong() - reuse.idleSince() < CHECK_AFTER_IDLE.toNanos();
            if (sameStudy && ((rested && !check) || alive(reuse.session()))) {
                return new Lease(reuse.session(), wanted, true);
            }
            if (!sameStudy) {
                reuse.session().close(); // a login is for one study: log out, then log in to the other
            } else {
                discard(reuse.session());
            }
            Interrupts.check();
        }
        return new Lease(logins.open(study), wanted, false);
    }

    /** sess.py handle_check_session: "OK" while the session lives, {@code session_inactive} once it ended. */
    private static boolean alive(AdminSession session) {
        try {
            HciReply reply = session.command(CHECK_SESSION);
            return !ReplyCheck.sessionClosed(reply)
                    && reply.items().stream().noneMatch(i -> i.type().equals("error"));
        } catch (IOException | FlareException | RuntimeException e) {
            return false;
        }
    }

    /** Closes a session without logging out: its connection is gone or the server has ended it already. */
    private static void discard(AdminSession session) {
        session.abandon();
        session.close();
    }

    /** Keeps a lease's session for the next operation, unless it failed, another one is kept or the keeper is closed. */
    private void release(Lease lease) {
        if (lease.broken) {
            discard(lease.session);
            return;
        }
        synchronized (this) {
            if (!closed && kept == null) {
                kept = new Kept(lease.session, lease.study, nanoClock.getAsLong());
                if (!reaping) {
                    reaping = true;
                    Thread reaper = new Thread(this::reap, "FLARE session keeper");
                    reaper.setDaemon(true);
                    reaper.start();
                }
                return;
            }
        }
        lease.session.close();
    }

    /** Runs while a session is kept: logs it out once it has been unused for {@link #KEEP_IDLE}; then ends. */
    private void reap() {
        AdminSession unused;
        synchronized (this) {
            try {
                while (true) {
                    if (kept == null) {
                        return; // in use, replaced or closed: the next release starts a new reaper
                    }
                    long left = kept.idleSince() + keepIdle.toNanos() - nanoClock.getAsLong();
                    if (left <= 0) {
                        unused = kept.session();
                        kept = null;
                        break;
                    }
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                return; // nobody interrupts this daemon thread; if someone does, the session stays until close
            } finally {
                reaping = false;
            }
        }
        unused.close();
    }

    /** Logs the kept session out and closes it; later {@link #open} calls fail. */
    @Override
    public void close() {
        Kept last;
        synchronized (this) {
            closed = true;
            last = kept;
            kept = null;
        }
        if (last != null) {
            last.session().close();
        }
    }

    /** One operation's use of a session: tells whether the session failed and whether it was stale. */
    private final class Lease implements AdminSession {
        private final AdminSession session;
        private final String study;
        private final boolean reused;
        private boolean answered;
        private boolean broken;
        private boolean stale;
        private boolean released;

        Lease(AdminSession session, String study, boolean reused) {
            this.session = session;
            this.study = study;
            this.reused = reused;
        }

        @Override
        public HciReply command(String commandLine) throws IOException, FlareException {
            HciReply reply;
            try {
                reply = session.command(commandLine);
            } catch (IOException | FlareException e) {
                broken = true;
                // a kept connection that fails before the operation got any answer was gone before it started
                stale = reused && !answered && !Interrupts.isInterrupt(e) && connectionLost(e);
                throw e;
            }
            if (ReplyCheck.sessionClosed(reply)) {
                broken = true; // the server ended the session and did not run the command
                stale = true;
            } else {
                answered = true;
            }
            return reply;
        }

        private boolean connectionLost(Exception e) {
            return e instanceof IOException
                    || (e instanceof FlareException f && ErrorCodes.CONNECTION_FAILED.equals(f.errorCode()));
        }

        @Override
        public Streaming streaming() {
            answered = true; // what streams cannot be told apart from a half-done operation: never stale
            return session.streaming();
        }

        @Override
        public void abandon() {
            broken = true;
        }

        @Override
        public FlareVersion serverVersion() {
            return session.serverVersion();
        }

        @Override
        public boolean stale() {
            return stale;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release(this);
            }
        }
    }
}
