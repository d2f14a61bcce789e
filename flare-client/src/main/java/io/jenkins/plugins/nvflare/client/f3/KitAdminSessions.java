package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
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
 * Real sessions from an admin startup kit: {@link AdminConnection#openTcp} to fed_admin.json's host
 * and port, then {@link AdminLogin#login} as the kit's user for the study; closing sends
 * {@code _logout} (api.py logout) and closes the socket. Only the {@code tcp} scheme exists so far.
 */
final class KitAdminSessions implements AdminSession.Factory {
    private final Path kitDir;
    private final Duration timeout;

    KitAdminSessions(Path kitDir, Duration timeout) {
        this.kitDir = kitDir;
        this.timeout = timeout;
    }

    @Override
    public AdminSession open(String study) throws FlareException {
        AdminKitInfo info = StartupKit.inspect(kitDir);
        if (!"tcp".equals(info.scheme())) {
            throw FlareException.local(ErrorCodes.NATIVE_UNSUPPORTED, "The native transport cannot connect with scheme '"
                    + info.scheme() + "' of this startup kit yet; only 'tcp' is implemented.",
                    "Use the CLI transport for this kit, or a kit provisioned with scheme tcp.");
        }
        KitCredentials kit = KitCredentials.load(kitDir.resolve("startup"));
        AdminConnection conn = AdminConnection.openTcp(info.host(), info.port(), kit, timeout);
        try {
            AdminLogin.Session session = AdminLogin.login(conn.cell(), kit, info.username(), info.projectName(),
                    info.serverIdentity(), study == null ? "default" : study, clientIp(), Instant.now(),
                    () -> UUID.randomUUID().toString());
            return new Open(conn, session);
        } catch (IOException e) {
            closeQuietly(conn);
            throw FlareException.local(ErrorCodes.CONNECTION_FAILED, "Login to the FLARE server at " + info.host() + ":"
                    + info.port() + " failed: " + e.getMessage(), "Check the server log.");
        } catch (FlareException | RuntimeException e) {
            closeQuietly(conn);
            throw e;
        }
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
        private boolean broken;

        Open(AdminConnection conn, AdminLogin.Session session) {
            this.conn = conn;
            this.session = session;
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
