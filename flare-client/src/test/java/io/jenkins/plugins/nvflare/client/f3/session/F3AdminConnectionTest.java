package io.jenkins.plugins.nvflare.client.f3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrame;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameType;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class F3AdminConnectionTest {
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    @Test
    void tcpSchemeEndToEnd(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer server = new FakeFlareServer()) {
            var served = serverThread.submit(server::serve);
            try (AdminConnection conn =
                    AdminConnection.openTcp("127.0.0.1", server.port(), kit, Duration.ofSeconds(10))) {
                AdminLogin.Session session = AdminLogin.login(
                        conn.cell(),
                        kit,
                        "admin@nvidia.com",
                        "example_project",
                        "server",
                        "default",
                        "127.0.0.1",
                        Instant.parse("2030-01-01T00:00:00Z"),
                        () -> UUID.randomUUID().toString());
                assertEquals(
                        List.of("ran get_job_meta abc"),
                        session.command("get_job_meta abc", LocalDateTime.now()).messages());
            }
            served.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nobodyListeningIsConnectionFailed(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        FlareException e = assertThrows(
                FlareException.class, () -> AdminConnection.openTcp("127.0.0.1", port, kit, Duration.ofSeconds(2)));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("Cannot connect to the FLARE server at 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void untrustedServerIsATlsFailure(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "admin-2048.crt");
        try (FakeFlareServer server = new FakeFlareServer()) {
            serverThread.submit(server::serve);
            FlareException e = assertThrows(
                    FlareException.class,
                    () -> AdminConnection.openTcp("127.0.0.1", server.port(), kit, Duration.ofSeconds(5)));
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            assertTrue(e.getMessage().contains("TLS with the FLARE server"), e.getMessage());
            assertTrue(
                    e.getMessage().contains("the kit belongs to another FLARE project than this server"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("PKIX") || e.getMessage().contains("sun.security"), e.getMessage());
        }
    }

    /**
     * A client certificate and key the server did not issue (as live on 2.8.1 with another project's pair: "Broken
     * pipe" / "unexpected end of stream" and a hint about the server address before): said as what it is.
     */
    @Test
    void aClientCertificateTheServerRefusesSaysTheKitIsFromAnotherProject(@TempDir Path startup) throws Exception {
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("server-3072.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("server-3072.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes("root-ca.crt"));
        AdminIdentity stranger = AdminIdentity.load(startup);
        try (FakeFlareServer server = new FakeFlareServer()) {
            serverThread.submit(server::serve);
            FlareException e = assertThrows(
                    FlareException.class,
                    () -> AdminConnection.openTcp("127.0.0.1", server.port(), stranger, Duration.ofSeconds(5)));
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            assertEquals(
                    "The FLARE server at 127.0.0.1:" + server.port() + " refused the kit's client certificate"
                            + " (startup/client.crt) during the TLS handshake: the certificate and key belong to another FLARE"
                            + " project than this server.",
                    e.getMessage());
            assertFalse(e.hint().contains("server address in fed_admin.json and that the server is running"), e.hint());
        }
    }

    /**
     * FLARE's heartbeat PINGs reset a socket's read timeout; a request the server never answers must still fail
     * once the connection's timeout has passed since it was sent.
     */
    @Test
    void anUnansweredRequestTimesOutDespiteHeartbeats(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer server = new FakeFlareServer()) {
            server.route("test/silent", (req, conn) -> {
                for (int i = 0; i < 20; i++) { // 4 s of PINGs every 200 ms, then no reply at all
                    conn.send(new SfmFrame(
                            SfmFrameType.PING.code(), 0, 0, conn.nextStreamId(), 0, Map.of(), new byte[] {(byte) 0xc0
                            }));
                    Thread.sleep(200);
                }
                return FakeFlareServer.NO_REPLY;
            });
            serverThread.submit(server::serve);
            try (AdminConnection conn =
                    AdminConnection.openTcp("127.0.0.1", server.port(), kit, Duration.ofSeconds(1))) {
                long start = System.nanoTime();
                assertThrows(SocketTimeoutException.class, () -> conn.cell().call("test", "silent", Map.of(), null));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis >= 900 && millis < 2500, "took " + millis + " ms");
            }
        }
    }

    private static AdminIdentity kit(Path startup, String root) throws Exception {
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes(root));
        return AdminIdentity.load(startup);
    }
}
