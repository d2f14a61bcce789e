package io.jenkins.plugins.nvflare.client.f3.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.CellHeaders;
import io.jenkins.plugins.nvflare.client.f3.cell.CellMessage;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitCrypto;
import io.jenkins.plugins.nvflare.client.f3.session.AdminConnection;
import io.jenkins.plugins.nvflare.client.f3.session.AdminLogin;
import io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrame;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameException;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameType;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmHandshake;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeWebSocketServer;
import io.jenkins.plugins.nvflare.client.f3.testing.Hex;
import io.jenkins.plugins.nvflare.client.kit.AdminKitInfo;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code http} scheme end to end on loopback: OkHttp client with the kit's mutual TLS against
 * {@link FakeWebSocketServer} (TLS with a required client certificate, websocket on /f3), with
 * {@link FakeFlareServer} or hand-written frames on the server side.
 */
class F3WebSocketConnectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final SfmCodec CODEC = new SfmCodec(1 << 20);
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    @Test
    void logsInAndRunsACommandOverTheWebSocket(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), true)) {
            Future<Void> served = serverThread.submit(() -> {
                try (SfmConnection conn = ws.accept(TIMEOUT)) {
                    flare.serveOn(conn);
                }
                return null;
            });
            try (AdminConnection conn = AdminConnection.openHttp("127.0.0.1", ws.port(), kit, TIMEOUT)) {
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
                        List.of("ran list_jobs -n 5"),
                        session.command("list_jobs -n 5", LocalDateTime.now()).messages());
            }
            served.get(10, TimeUnit.SECONDS); // returns only once the server saw our close as the end of the stream
            assertEquals(
                    List.of(
                            "hello admin-cell",
                            "challenge from admin@nvidia.com",
                            "register admin signed",
                            "cert_login admin@nvidia.com signed study=default",
                            "command list_jobs -n 5 token=ok"),
                    flare.log());

            RecordedRequest upgrade = ws.request();
            assertEquals("GET", upgrade.getMethod());
            assertEquals("/f3", upgrade.getUrl().encodedPath());
            assertEquals("websocket", upgrade.getHeaders().get("Upgrade"));
            assertNull(upgrade.getHeaders().get("Sec-WebSocket-Extensions"), "permessage-deflate must not be offered");
            X509Certificate client =
                    (X509Certificate) upgrade.getHandshake().peerCertificates().get(0);
            assertEquals("admin@nvidia.com", KitCrypto.commonName(client), "the kit's certificate was presented");
        }
    }

    @Test
    void answersPingWithPongBetweenRequestAndReply(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), true)) {
            Future<List<String>> served = serverThread.submit(() -> pingThenReply(ws));
            try (AdminConnection conn = AdminConnection.openHttp("127.0.0.1", ws.port(), kit, TIMEOUT)) {
                CellMessage reply = conn.cell().call("task", "challenge", Map.of(), null);
                assertEquals("ok", reply.returnCode());
            }
            // PING/PONG as sfm_conn.py sends heartbeats: app 0, payload msgpack nil.
            assertEquals(List.of("DATA task/challenge", "PONG app=0 payload=c0"), served.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void idleLongerThanTheTimeoutIsFineButASilentServerTimesOut(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        Duration timeout = Duration.ofMillis(500);
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), true)) {
            serverThread.submit(() -> {
                SfmConnection conn = ws.accept(TIMEOUT);
                conn.accept(new SfmHandshake("server", 1.0, Map.of()));
                CellMessage first = CellMessage.fromFrame(conn.receiveData());
                Map<String, Object> h = new LinkedHashMap<>();
                h.put(CellHeaders.MSG_TYPE, CellHeaders.MSG_TYPE_REPLY);
                h.put(CellHeaders.REQ_ID, List.of(first.header(CellHeaders.REQ_ID)));
                h.put(CellHeaders.RETURN_CODE, CellHeaders.RC_OK);
                h.put(CellHeaders.PAYLOAD_ENCODING, CellHeaders.ENCODING_NONE);
                conn.send(new CellMessage(h, null).toFrame(conn.nextStreamId(), 0));
                conn.receiveData(); // never answers the second request
                return null;
            });
            try (AdminConnection conn = AdminConnection.openHttp("127.0.0.1", ws.port(), kit, timeout)) {
                Thread.sleep(3 * timeout.toMillis()); // OkHttp's socket read timeout must not end an idle websocket
                assertEquals(
                        "ok",
                        conn.cell().call("task", "challenge", Map.of(), null).returnCode());
                long start = System.nanoTime();
                assertThrows(SocketTimeoutException.class, () -> conn.cell().call("task", "challenge", Map.of(), null));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(millis >= 400 && millis < 5000, "timed out after " + millis + " ms");
            }
        }
    }

    @Test
    void textMessageIsAProtocolError(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), true)) {
            serverThread.submit(() -> {
                SfmConnection conn = ws.accept(TIMEOUT);
                conn.accept(new SfmHandshake("server", 1.0, Map.of()));
                ws.awaitWebSocket(TIMEOUT).send("{\"not\": \"a frame\"}");
                return null;
            });
            try (AdminConnection conn = AdminConnection.openHttp("127.0.0.1", ws.port(), kit, TIMEOUT)) {
                SfmFrameException e = assertThrows(
                        SfmFrameException.class, () -> conn.cell().call("task", "challenge", Map.of(), null));
                assertTrue(e.getMessage().contains("unexpected text websocket message"), e.getMessage());
            }
        }
    }

    @Test
    void serverDownIsConnectionFailedQuickly(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        FlareException e = assertThrows(
                FlareException.class, () -> AdminConnection.openHttp("127.0.0.1", port, kit, Duration.ofSeconds(2)));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains("Cannot connect to the FLARE server at 127.0.0.1:" + port), e.getMessage());
        assertTrue(millis < 5000, "took " + millis + " ms");
    }

    @Test
    void aTimeoutBeyondWhatOkHttpHoldsIsBoundedNotAnError(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        // A connectTimeout of a year: OkHttp itself would throw IllegalArgumentException (> Integer.MAX_VALUE ms).
        FlareException e = assertThrows(
                FlareException.class, () -> AdminConnection.openHttp("127.0.0.1", port, kit, Duration.ofDays(365)));
        assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
    }

    @Test
    void serverNotIssuedByTheKitRootIsATlsFailure(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "admin-2048.crt"); // trusts only itself, not the project root
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), true)) {
            FlareException e = assertThrows(
                    FlareException.class, () -> AdminConnection.openHttp("127.0.0.1", ws.port(), kit, TIMEOUT));
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            assertTrue(e.getMessage().contains("TLS with the FLARE server at 127.0.0.1:" + ws.port()), e.getMessage());
        }
    }

    @Test
    void serverWithoutTheF3RouteIsConnectionFailedWithTheStatus(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), false)) {
            FlareException e = assertThrows(
                    FlareException.class, () -> AdminConnection.openHttp("127.0.0.1", ws.port(), kit, TIMEOUT));
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            assertTrue(e.getMessage().contains("refused FLARE's websocket (GET /f3): HTTP 404"), e.getMessage());
        }
    }

    @Test
    void closeEndsTheClientsDispatcherThreads(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), true)) {
            serverThread.submit(() -> {
                try (SfmConnection conn = ws.accept(TIMEOUT)) {
                    flare.serveOn(conn);
                }
                return null;
            });
            AdminConnection.openHttp("127.0.0.1", ws.port(), kit, TIMEOUT).close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (dispatcherThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, dispatcherThreads(), "OkHttp dispatcher threads left after close");
        }
    }

    @Test
    void schemeOfTheKitChoosesTheDriver(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), true)) {
            Future<Void> overWs = serverThread.submit(() -> {
                try (SfmConnection conn = ws.accept(TIMEOUT)) {
                    flare.serveOn(conn);
                }
                return null;
            });
            AdminConnection.open(info("http", ws.port()), kit, TIMEOUT).close();
            overWs.get(10, TimeUnit.SECONDS);
            assertEquals("/f3", ws.request().getUrl().encodedPath());

            Future<Void> overTcp = serverThread.submit(flare::serve);
            AdminConnection.open(info("tcp", flare.port()), kit, TIMEOUT).close();
            overTcp.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("hello admin-cell", "hello admin-cell"), flare.log());
        }

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        // grpc has a driver of its own now (F3GrpcConnectionTest): a closed port is the usual connection failure
        FlareException grpc =
                assertThrows(FlareException.class, () -> AdminConnection.open(info("grpc", closed), kit, TIMEOUT));
        assertEquals(ErrorCodes.CONNECTION_FAILED, grpc.errorCode());
        assertTrue(
                grpc.getMessage().contains("Cannot connect to the FLARE server at 127.0.0.1:" + closed),
                grpc.getMessage());

        FlareException unknown =
                assertThrows(FlareException.class, () -> AdminConnection.open(info("ftp", 1), kit, TIMEOUT));
        assertEquals(ErrorCodes.KIT_INVALID, unknown.errorCode());
    }

    /** Server side of the heartbeat test: READY, PING, then the client's request and PONG in any order, reply. */
    private static List<String> pingThenReply(FakeWebSocketServer ws) throws Exception {
        try (FrameChannel ch = ws.acceptChannel(TIMEOUT)) {
            SfmFrame hello = CODEC.decode(ch.receive());
            assertEquals(SfmFrameType.HELLO.code(), hello.type());
            ch.send(CODEC.encode(new SfmHandshake("server", 1.0, Map.of()).toFrame(SfmFrameType.READY, 1)));
            ch.send(Hex.bytes("00 00 00 11 00 00 06 00 00 00 00 00 00 05 00 02 c0")); // PING, stream 5, seq 2
            List<String> seen = new ArrayList<>();
            CellMessage request = null;
            for (int i = 0; i < 2; i++) {
                SfmFrame f = CODEC.decode(ch.receive());
                if (f.type() == SfmFrameType.PONG.code()) {
                    seen.add("PONG app=" + f.appId() + " payload=" + Hex.of(f.payload()));
                } else {
                    request = CellMessage.fromFrame(f);
                    seen.add("DATA " + request.header(CellHeaders.CHANNEL) + "/" + request.header(CellHeaders.TOPIC));
                }
            }
            seen.sort(null); // the client may answer the PING before or after sending its request
            Map<String, Object> h = new LinkedHashMap<>();
            h.put(CellHeaders.MSG_TYPE, CellHeaders.MSG_TYPE_REPLY);
            h.put(CellHeaders.REQ_ID, List.of(request.header(CellHeaders.REQ_ID)));
            h.put(CellHeaders.RETURN_CODE, CellHeaders.RC_OK);
            h.put(CellHeaders.PAYLOAD_ENCODING, CellHeaders.ENCODING_NONE);
            ch.send(CODEC.encode(new CellMessage(h, null).toFrame(6, 3)));
            ch.receive(); // the client's close
            return seen;
        }
    }

    private static long dispatcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("OkHttp Dispatcher"))
                .count();
    }

    private static AdminKitInfo info(String scheme, int port) {
        return new AdminKitInfo(
                "admin@nvidia.com",
                "nvidia",
                "project_admin",
                "example_project",
                "server",
                scheme,
                "127.0.0.1",
                port,
                Instant.parse("2030-01-01T00:00:00Z"));
    }

    private static AdminIdentity kit(Path startup, String root) throws Exception {
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes(root));
        return AdminIdentity.load(startup);
    }
}
