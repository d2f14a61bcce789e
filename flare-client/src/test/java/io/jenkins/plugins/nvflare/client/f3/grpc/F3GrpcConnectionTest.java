package io.jenkins.plugins.nvflare.client.f3.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.grpc.Status;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.CellHeaders;
import io.jenkins.plugins.nvflare.client.f3.cell.CellMessage;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.ConnectionSecurity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitCrypto;
import io.jenkins.plugins.nvflare.client.f3.session.AdminConnection;
import io.jenkins.plugins.nvflare.client.f3.session.AdminLogin;
import io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrame;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrameType;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmHandshake;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeGrpcServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeWebSocketServer;
import io.jenkins.plugins.nvflare.client.f3.testing.Hex;
import java.io.IOException;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code grpc} scheme end to end on loopback: the OkHttp duplex call with the kit's mutual TLS against
 * {@link FakeGrpcServer} (grpc-java, client certificate required, {@code streamer.Streamer/Stream}), with
 * {@link FakeFlareServer} or hand-written frames on the server side.
 */
class F3GrpcConnectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final SfmCodec CODEC = new SfmCodec(1 << 20);
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    @Test
    void logsInAndRunsACommandOverTheGrpcStream(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeGrpcServer grpc = new FakeGrpcServer(flare.tls(), ConnectionSecurity.MTLS)) {
            Future<Void> served = serverThread.submit(() -> {
                try (SfmConnection conn = grpc.accept(TIMEOUT)) {
                    flare.serveOn(conn);
                }
                return null;
            });
            try (AdminConnection conn = open(grpc.port(), kit, TIMEOUT)) {
                AdminLogin.Session session = login(conn, kit);
                assertEquals(
                        List.of("ran list_jobs -n 5"),
                        session.command("list_jobs -n 5", LocalDateTime.now()).messages());
            }
            served.get(10, TimeUnit.SECONDS); // returns only once the server saw our half-close as the end
            assertEquals(
                    List.of(
                            "hello admin-cell",
                            "challenge from admin@nvidia.com",
                            "register admin signed",
                            "cert_login admin@nvidia.com signed study=default",
                            "command list_jobs -n 5 token=ok"),
                    flare.log());

            FakeGrpcServer.CallInfo call = grpc.calls().get(0);
            assertEquals("application/grpc", header(call.headers(), "content-type"));
            assertEquals("identity", header(call.headers(), "grpc-accept-encoding"));
            assertTrue(call.tls());
            assertEquals(
                    "admin@nvidia.com",
                    KitCrypto.commonName(
                            (X509Certificate) call.clientCertificates().get(0)),
                    "the kit's certificate was presented");
            // HELLO, challenge, register, _cert_login, the command: Frame.seq counts from 1 as grpc_driver.py's
            assertEquals(
                    IntStream.rangeClosed(1, 5).boxed().toList(),
                    grpc.clientSeqs().subList(0, 5));
        }
    }

    @Test
    void answersPingWithPongBetweenRequestAndReply(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeGrpcServer grpc = new FakeGrpcServer(flare.tls(), ConnectionSecurity.MTLS)) {
            Future<List<String>> served = serverThread.submit(() -> pingThenReply(grpc));
            try (AdminConnection conn = open(grpc.port(), kit, TIMEOUT)) {
                CellMessage reply = conn.cell().call("task", "challenge", Map.of(), null);
                assertEquals("ok", reply.returnCode());
            }
            assertEquals(List.of("DATA task/challenge", "PONG app=0 payload=c0"), served.get(10, TimeUnit.SECONDS));
        }
    }

    /**
     * OkHttp cancels an HTTP/2 stream whose own read timeout passes; the driver's reads wait in its inbox instead,
     * so a request left unanswered times out and the stream still carries the next one (the login re-sends an
     * unanswered challenge on the same connection).
     */
    @Test
    void anUnansweredRequestTimesOutAndTheStreamGoesOn(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        Duration timeout = Duration.ofMillis(500);
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeGrpcServer grpc = new FakeGrpcServer(flare.tls(), ConnectionSecurity.MTLS)) {
            serverThread.submit(() -> {
                SfmConnection conn = grpc.accept(TIMEOUT);
                conn.accept(new SfmHandshake("server", 1.0, Map.of()));
                conn.readTimeout(TIMEOUT);
                conn.receiveData(); // never answered
                reply(conn, CellMessage.fromFrame(conn.receiveData()));
                return null;
            });
            try (AdminConnection conn = open(grpc.port(), kit, timeout)) {
                assertThrows(SocketTimeoutException.class, () -> conn.cell().call("task", "challenge", Map.of(), null));
                assertEquals(
                        "ok",
                        conn.cell().call("task", "challenge", Map.of(), null).returnCode());
            }
        }
    }

    @Test
    void aGrpcServerWithoutFlaresServiceIsConnectionFailedWithTheStatus(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeGrpcServer grpc = new FakeGrpcServer(flare.tls(), ConnectionSecurity.MTLS, false)) {
            FlareException e = assertThrows(FlareException.class, () -> open(grpc.port(), kit, TIMEOUT));
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            assertTrue(
                    e.getMessage()
                            .contains("did not take FLARE's gRPC stream (POST /streamer.Streamer/Stream): the server"
                                    + " ended the gRPC stream with UNIMPLEMENTED (12)"),
                    e.getMessage());
            assertTrue(e.hint().contains("scheme"), e.hint());
        }
    }

    @Test
    void aWebsocketListenerIsNoGrpcServer(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), true)) {
            FlareException e = assertThrows(FlareException.class, () -> open(ws.port(), kit, TIMEOUT));
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            assertTrue(e.getMessage().contains("does not speak HTTP/2"), e.getMessage());
        }
    }

    /**
     * The other way round: an http (websocket) kit at a gRPC listener. Like FLARE's (grpc-core, live), grpc-java
     * completes the TLS handshake and then closes a connection that did not offer h2, which a client cannot tell
     * from a server refusing its certificate: the hint names both.
     */
    @Test
    void aGrpcListenerIsNoWebsocketServer(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeGrpcServer grpc = new FakeGrpcServer(flare.tls(), ConnectionSecurity.MTLS)) {
            FlareException e = assertThrows(
                    FlareException.class, () -> AdminConnection.openHttp("127.0.0.1", grpc.port(), kit, TIMEOUT));
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            assertTrue(e.getMessage().contains("refused the kit's client certificate"), e.getMessage());
            assertTrue(
                    e.hint()
                            .endsWith("check the scheme in fed_admin.json: a grpc listener also closes a websocket"
                                    + " (http) connection."),
                    e.hint());
        }
    }

    /** grpc_driver.py's StreamConnection.close aborts the call with CANCELLED "service closed": a closed connection. */
    @Test
    void theServerCancellingTheCallIsTheConnectionClosing(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeGrpcServer grpc = new FakeGrpcServer(flare.tls(), ConnectionSecurity.MTLS)) {
            serverThread.submit(() -> {
                FakeGrpcServer.Stream call = (FakeGrpcServer.Stream) grpc.acceptChannel(TIMEOUT);
                SfmConnection conn = new SfmConnection(call, CODEC);
                conn.accept(new SfmHandshake("server", 1.0, Map.of()));
                conn.receiveData();
                call.end(Status.CANCELLED.withDescription("service closed"));
                return null;
            });
            try (AdminConnection conn = open(grpc.port(), kit, TIMEOUT)) {
                FlareException e =
                        assertThrows(FlareException.class, () -> conn.cell().call("task", "challenge", Map.of(), null));
                assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
                assertTrue(
                        e.getMessage().contains("closed the connection before answering task/challenge"),
                        e.getMessage());
            }
        }
    }

    @Test
    void serverNotIssuedByTheKitRootIsATlsFailure(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "admin-2048.crt"); // trusts only itself, not the project root
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeGrpcServer grpc = new FakeGrpcServer(flare.tls(), ConnectionSecurity.MTLS)) {
            FlareException e = assertThrows(FlareException.class, () -> open(grpc.port(), kit, TIMEOUT));
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            assertTrue(e.getMessage().contains("not issued by the kit's root CA"), e.getMessage());
        }
    }

    @Test
    void closeEndsTheClientsDispatcherThreads(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (FakeFlareServer flare = new FakeFlareServer();
                FakeGrpcServer grpc = new FakeGrpcServer(flare.tls(), ConnectionSecurity.MTLS)) {
            Future<Void> served = serverThread.submit(() -> {
                try (SfmConnection conn = grpc.accept(TIMEOUT)) {
                    flare.serveOn(conn);
                }
                return null;
            });
            long before = dispatcherThreads();
            open(grpc.port(), kit, TIMEOUT).close();
            served.get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (dispatcherThreads() > before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(before, dispatcherThreads(), "OkHttp dispatcher threads left after close");
        }
    }

    /** Server side of the heartbeat test: READY, PING, then the client's request and PONG in any order, reply. */
    private static List<String> pingThenReply(FakeGrpcServer grpc) throws Exception {
        try (FrameChannel ch = grpc.acceptChannel(TIMEOUT)) {
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
            assertFalse(request == null);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put(CellHeaders.MSG_TYPE, CellHeaders.MSG_TYPE_REPLY);
            h.put(CellHeaders.REQ_ID, List.of(request.header(CellHeaders.REQ_ID)));
            h.put(CellHeaders.RETURN_CODE, CellHeaders.RC_OK);
            h.put(CellHeaders.PAYLOAD_ENCODING, CellHeaders.ENCODING_NONE);
            ch.send(CODEC.encode(new CellMessage(h, null).toFrame(6, 3)));
            ch.receive(); // the client's half-close
            return seen;
        }
    }

    private static void reply(SfmConnection conn, CellMessage request) throws IOException {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(CellHeaders.MSG_TYPE, CellHeaders.MSG_TYPE_REPLY);
        h.put(CellHeaders.REQ_ID, List.of(request.header(CellHeaders.REQ_ID)));
        h.put(CellHeaders.RETURN_CODE, CellHeaders.RC_OK);
        h.put(CellHeaders.PAYLOAD_ENCODING, CellHeaders.ENCODING_NONE);
        conn.send(new CellMessage(h, null).toFrame(conn.nextStreamId(), 0));
    }

    static AdminLogin.Session login(AdminConnection conn, AdminIdentity kit) throws Exception {
        return AdminLogin.login(
                conn.cell(),
                kit,
                "admin@nvidia.com",
                "example_project",
                "server",
                "default",
                "127.0.0.1",
                Instant.parse("2030-01-01T00:00:00Z"),
                () -> UUID.randomUUID().toString());
    }

    private static AdminConnection open(int port, AdminIdentity kit, Duration timeout) throws Exception {
        return AdminConnection.openGrpc("127.0.0.1", port, kit, ConnectionSecurity.MTLS, timeout);
    }

    private static String header(Metadata headers, String name) {
        return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }

    private static long dispatcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("OkHttp Dispatcher"))
                .count();
    }

    private static AdminIdentity kit(Path startup, String root) throws Exception {
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes(root));
        return AdminIdentity.load(startup);
    }
}
