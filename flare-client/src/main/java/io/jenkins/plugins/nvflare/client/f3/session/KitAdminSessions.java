package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.FlareFeature;
import io.jenkins.plugins.nvflare.client.FlareVersion;
import io.jenkins.plugins.nvflare.client.f3.cell.SessionErrors;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.sfm.Interrupts;
import io.jenkins.plugins.nvflare.client.kit.AdminKitInfo;
import io.jenkins.plugins.nvflare.client.kit.StartupKit;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * Real sessions from an admin startup kit: {@link AdminConnection#open} to fed_admin.json's host and
 * port with its scheme (http, tcp or grpc) and connection security, then {@link AdminLogin#login} as the kit's
 * user for the study; closing sends {@code _logout} (api.py logout) and closes the connection.
 * The kit is read once, at the first login: a later login (the server dropped the session) needs no files,
 * so a client kept between a step's calls works after the call's kit folder was deleted. Each login also asks the
 * server's version ({@link ServerVersions}), which the operations adapt to.
 */
public final class KitAdminSessions implements AdminSession.Factory {
    private static final String DEFAULT_STUDY = "default";
    private final Path kitDir;
    private final Duration timeout;
    private Loaded loaded;

    private record Loaded(AdminKitInfo info, AdminIdentity identity) {}

    public KitAdminSessions(Path kitDir, Duration timeout) {
        this.kitDir = kitDir;
        this.timeout = timeout;
    }

    /** @throws InterruptedException the calling thread was interrupted while connecting or logging in */
    @Override
    public AdminSession open(String study) throws FlareException, InterruptedException {
        Loaded kitFiles = load();
        AdminKitInfo info = kitFiles.info();
        AdminIdentity kit = kitFiles.identity();
        AdminConnection conn = AdminConnection.open(info, kit, timeout);
        try {
            AdminLogin.Session session = AdminLogin.login(
                    conn.cell(),
                    conn.certificateToBind(),
                    kit,
                    info.username(),
                    info.projectName(),
                    info.serverIdentity(),
                    study == null ? DEFAULT_STUDY : study,
                    clientIp(),
                    Instant.now(),
                    () -> UUID.randomUUID().toString());
            Interrupts.check(); // over tcp the login's reads ignore an interrupt: it shows only now
            FlareVersion version = ServerVersions.ask(line -> session.command(line, LocalDateTime.now()));
            Open open = new Open(conn, session, kit, version);
            requireVerified(open, info);
            if (study != null && !study.equals(DEFAULT_STUDY)) {
                requireStudies(open, info);
            }
            return open;
        } catch (IOException e) {
            closeQuietly(conn);
            Interrupts.rethrowIfInterrupt(e);
            throw SessionErrors.connectionFailed(
                    "Login to the FLARE server at " + info.host() + ":" + info.port() + " failed: " + e.getMessage(),
                    "Check the server log.");
        } catch (FlareException e) {
            closeQuietly(conn);
            Interrupts.rethrowIfInterrupt(e);
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            closeQuietly(conn);
            throw e;
        }
    }

    /** A server outside the verified versions: the login is ended and the call refused, naming the cli transport. */
    private static void requireVerified(Open open, AdminKitInfo info) throws FlareException {
        try {
            VerifiedVersions.require(open.serverVersion(), "The FLARE server at " + info.host() + ":" + info.port());
        } catch (FlareException e) {
            open.close();
            throw e;
        }
    }

    /**
     * A 2.7 server ignores the login's study and would run every command in its only job store: the login is
     * ended and the call refused instead.
     */
    private static void requireStudies(Open open, AdminKitInfo info) throws FlareException {
        try {
            FlareFeature.STUDY.require(open.serverVersion(), "the FLARE server at " + info.host() + ":" + info.port());
        } catch (FlareException e) {
            open.close();
            throw e;
        }
    }

    /** The kit's credentials, after the same checks {@link #open} makes before it connects. */
    @Override
    public AdminIdentity kit() throws FlareException {
        return load().identity();
    }

    private synchronized Loaded load() throws FlareException {
        if (loaded == null) {
            AdminKitInfo info = StartupKit.inspect(kitDir);
            loaded = new Loaded(info, AdminIdentity.load(kitDir.resolve("startup")));
        }
        return loaded;
    }

    /** authenticator.py:46-65 _get_client_ip: the address a UDP socket towards a private address would use. */
    private static String clientIp() {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(InetAddress.getByName("10.255.255.255"), 1);
            InetAddress local = s.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? "127.0.0.1" : local.getHostAddress();
        } catch (IOException | RuntimeException e) {
            return "127.0.0.1";
        }
    }

    private static void closeQuietly(AdminConnection conn) {
        try {
            conn.close();
        } catch (IOException ignored) {
            // the login failure is what matters
        }
    }

    private static final class Open implements AdminSession {
        private final AdminConnection conn;
        private final AdminLogin.Session session;
        private final AdminIdentity kit;
        private final FlareVersion version;
        private boolean broken;

        Open(AdminConnection conn, AdminLogin.Session session, AdminIdentity kit, FlareVersion version) {
            this.conn = conn;
            this.session = session;
            this.kit = kit;
            this.version = version;
        }

        @Override
        public FlareVersion serverVersion() {
            return version;
        }

        @Override
        public Streaming streaming() {
            return new Streaming(session, kit);
        }

        @Override
        public void abandon() {
            broken = true;
        }

        @Override
        public HciReply command(String commandLine) throws IOException, FlareException {
            try {
                return session.command(commandLine, LocalDateTime.now());
            } catch (IOException | FlareException e) {
                broken = true;
                throw e;
            }
        }

        @Override
        public void close() {
            if (!broken) {
                try {
                    session.command("_logout", LocalDateTime.now());
                } catch (IOException | FlareException | RuntimeException ignored) {
                    // best effort, as api.py logout
                }
            }
            closeQuietly(conn);
        }
    }
}
