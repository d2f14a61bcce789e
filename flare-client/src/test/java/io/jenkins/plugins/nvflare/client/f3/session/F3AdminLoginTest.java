package io.jenkins.plugins.nvflare.client.f3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.AdminCellName;
import io.jenkins.plugins.nvflare.client.f3.cell.CellRequester;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitTls;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmHandshake;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login and a command against {@link FakeFlareServer} over real mutual TLS on localhost. */
class F3AdminLoginTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    @Test
    void logsInAndRunsACommand(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup);
        try (FakeFlareServer server = new FakeFlareServer()) {
            Future<Void> served = serverThread.submit(server::serve);
            try (SSLSocket socket = connect(kit, server.port())) {
                AdminLogin.Session session = AdminLogin.login(
                        cell(socket),
                        kit,
                        "admin@nvidia.com",
                        "example_project",
                        "server",
                        "default",
                        "127.0.0.1",
                        NOW,
                        () -> UUID.randomUUID().toString());
                assertEquals(FakeFlareServer.HCI_TOKEN, session.hciToken());
                assertEquals(FakeFlareServer.TOKEN, session.auth().token());

                HciReply reply = session.command("list_jobs -n 5", LocalDateTime.now());
                assertEquals(List.of("ran list_jobs -n 5"), reply.messages());
            }
            served.get(10, TimeUnit.SECONDS);
            assertEquals(
                    List.of(
                            "hello admin-cell",
                            "challenge from admin@nvidia.com",
                            "register admin signed",
                            "cert_login admin@nvidia.com signed study=default",
                            "command list_jobs -n 5 token=ok"),
                    server.log());
        }
    }

    @Test
    void rejectedStudyBecomesAuthFailedWithTheServersCode(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup);
        try (FakeFlareServer server = new FakeFlareServer()) {
            serverThread.submit(server::serve);
            try (SSLSocket socket = connect(kit, server.port())) {
                FlareException e = assertThrows(
                        FlareException.class,
                        () -> AdminLogin.login(
                                cell(socket),
                                kit,
                                "admin@nvidia.com",
                                "example_project",
                                "server",
                                "cancer",
                                "127.0.0.1",
                                NOW,
                                () -> UUID.randomUUID().toString()));
                assertEquals(ErrorCodes.AUTH_FAILED, e.errorCode());
                assertEquals(
                        "Authentication failed. \u2014 study 'cancer' is not configured on the server", e.getMessage());
                assertEquals("AUTH_STUDY_NOT_CONFIGURED", ((CliErrors.LoginRejected) e).authCode());
            }
        }
    }

    @Test
    void wrongServerIdentityStopsBeforeRegistering(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup);
        try (FakeFlareServer server = new FakeFlareServer()) {
            serverThread.submit(server::serve);
            try (SSLSocket socket = connect(kit, server.port())) {
                FlareException e = assertThrows(
                        FlareException.class,
                        () -> AdminLogin.login(
                                cell(socket),
                                kit,
                                "admin@nvidia.com",
                                "example_project",
                                "flare.example.com",
                                "default",
                                "127.0.0.1",
                                NOW,
                                () -> UUID.randomUUID().toString()));
                assertEquals(ErrorCodes.AUTH_FAILED, e.errorCode());
                assertTrue(e.getMessage().contains("expected server identity is 'flare.example.com'"), e.getMessage());
            }
            assertEquals(List.of("hello admin-cell", "challenge from admin@nvidia.com"), server.log());
        }
    }

    private static CellRequester cell(SSLSocket socket) throws Exception {
        SfmConnection conn =
                new SfmConnection(socket.getInputStream(), socket.getOutputStream(), new SfmCodec(1 << 20), socket);
        String me = AdminCellName.random();
        conn.connect(new SfmHandshake(me, 1.0, java.util.Map.of()));
        return new CellRequester(conn, me, () -> UUID.randomUUID().toString(), () -> 1.7e9);
    }

    private static SSLSocket connect(AdminIdentity kit, int port) throws Exception {
        SSLSocket socket = KitTls.configure((SSLSocket)
                KitTls.clientContext(kit).getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static AdminIdentity kit(Path startup) throws Exception {
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes("root-ca.crt"));
        return AdminIdentity.load(startup);
    }
}
