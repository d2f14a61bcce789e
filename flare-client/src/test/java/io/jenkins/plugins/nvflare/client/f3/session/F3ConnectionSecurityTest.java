package io.jenkins.plugins.nvflare.client.f3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.ConnectionSecurity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitCrypto;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeGrpcServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeWebSocketServer;
import io.jenkins.plugins.nvflare.client.kit.AdminKitInfo;
import io.jenkins.plugins.nvflare.client.kit.StartupKit;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code connection_security} of fed_admin.json on every scheme, as FLARE's admin client applies it: {@code mtls}
 * presents the kit's certificate, {@code tls} verifies the server and presents none, {@code clear} uses no TLS;
 * the login (signed challenge) is the same in every case. Each server here is secured as a FLARE server with that
 * setting (client certificate required, not asked for, or no TLS) and says what the client's connection was.
 */
class F3ConnectionSecurityTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        serverThread.shutdownNow();
    }

    @ParameterizedTest
    @CsvSource({
        "tcp, mtls, TLS with client certificate admin@nvidia.com",
        "tcp, tls, TLS without client certificate",
        "tcp, clear, no TLS",
        "http, mtls, TLS with client certificate admin@nvidia.com",
        "http, tls, TLS without client certificate",
        "http, clear, no TLS",
        "grpc, mtls, TLS with client certificate admin@nvidia.com",
        "grpc, tls, TLS without client certificate",
        "grpc, clear, no TLS"
    })
    void theKitsConnectionSecurityDecidesTheTlsAndTheLoginIsTheSame(
            String scheme, String security, String expected, @TempDir Path tmp) throws Exception {
        ConnectionSecurity sec = ConnectionSecurity.of(security);
        try (FakeFlareServer flare = new FakeFlareServer();
                Listener server = listen(scheme, sec, flare)) {
            Future<String> served = serverThread.submit(() -> {
                try (SfmConnection conn = server.accept()) {
                    flare.serveOn(conn);
                }
                return server.seen();
            });
            Path kitDir = F3Fixtures.adminKit(tmp, scheme, server.port(), security);
            AdminKitInfo info = StartupKit.inspect(kitDir);
            assertEquals(security, info.connectionSecurity());
            AdminIdentity kit = AdminIdentity.load(kitDir.resolve("startup"));
            try (AdminConnection conn = AdminConnection.open(info, kit, TIMEOUT)) {
                AdminLogin.Session session = login(conn, kit);
                assertEquals(
                        List.of("ran list_jobs"),
                        session.command("list_jobs", LocalDateTime.now()).messages());
            }
            assertEquals(expected, served.get(10, TimeUnit.SECONDS));
            assertEquals(
                    List.of(
                            "hello admin-cell",
                            "challenge from admin@nvidia.com",
                            "register admin signed",
                            "cert_login admin@nvidia.com signed study=default",
                            "command list_jobs token=ok"),
                    flare.log(),
                    "the kit's key signs the login whatever the connection");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "http", "grpc"})
    void aTlsKitAtAServerThatWantsClientCertificatesSaysSo(String scheme, @TempDir Path tmp) throws Exception {
        FlareException e = failure(scheme, ConnectionSecurity.MTLS, "tls", tmp);
        assertTrue(e.getMessage().contains("asks for a client certificate (mutual TLS)"), e.getMessage());
        assertTrue(e.getMessage().contains("connection_security is tls"), e.getMessage());
        assertTrue(e.hint().contains("must match how the server listens"), e.hint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "http", "grpc"})
    void aClearKitAtATlsServerSaysSo(String scheme, @TempDir Path tmp) throws Exception {
        FlareException e = failure(scheme, ConnectionSecurity.TLS, "clear", tmp);
        assertTrue(
                e.getMessage().contains("connection_security is clear, and the server may expect TLS"), e.getMessage());
    }

    /**
     * Not over http here: MockWebServer keeps waiting for a request line when a TLS ClientHello arrives, where
     * aiohttp answers 400 (which the client reads as a non-TLS answer, like the tcp case).
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "grpc"})
    void aTlsKitAtAClearServerSaysSo(String scheme, @TempDir Path tmp) throws Exception {
        FlareException e = failure(scheme, ConnectionSecurity.CLEAR, "tls", tmp);
        assertTrue(e.getMessage().contains("does not answer with TLS"), e.getMessage());
        assertTrue(e.getMessage().contains("connection_security clear"), e.getMessage());
    }

    /**
     * lighter's custom_ca_cert (startup/customRootCA.pem) is what a tls kit trusts the server's certificate with,
     * e.g. an ingress's CA; rootCA.pem stays the project's, for the login.
     */
    @Test
    void aTlsKitTrustsItsCustomRootCa(@TempDir Path tmp) throws Exception {
        try (FakeFlareServer flare = new FakeFlareServer();
                Listener server = listen("grpc", ConnectionSecurity.TLS, flare)) {
            Path kitDir = F3Fixtures.adminKit(tmp, "grpc", server.port(), "tls");
            Path startup = kitDir.resolve("startup");
            // rootCA.pem does not issue the server's certificate here; customRootCA.pem does
            Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes("admin-2048.crt"));
            AdminKitInfo info = StartupKit.inspect(kitDir);
            AdminIdentity withoutCustom = AdminIdentity.load(startup);
            FlareException e =
                    assertThrows(FlareException.class, () -> AdminConnection.open(info, withoutCustom, TIMEOUT));
            assertTrue(e.getMessage().contains("not issued by the kit's root CA"), e.getMessage());

            Files.write(startup.resolve(AdminIdentity.CUSTOM_ROOT_CA), F3Fixtures.bytes("root-ca.crt"));
            AdminIdentity kit = AdminIdentity.load(startup);
            Future<String> served = serverThread.submit(() -> {
                try (SfmConnection conn = server.accept()) {
                    flare.serveOn(conn);
                }
                return server.seen();
            });
            AdminConnection.open(info, kit, TIMEOUT).close(); // TLS and the SFM handshake
            assertEquals("TLS without client certificate", served.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("hello admin-cell"), flare.log());
        }
    }

    @Test
    void theValuesReadAsFlaresAdminClientReadsThem(@TempDir Path tmp) throws Exception {
        assertEquals(ConnectionSecurity.MTLS, ConnectionSecurity.of(null));
        assertEquals(ConnectionSecurity.MTLS, ConnectionSecurity.of("mtls"));
        assertEquals(ConnectionSecurity.TLS, ConnectionSecurity.of("TLS"));
        assertEquals(ConnectionSecurity.CLEAR, ConnectionSecurity.of("Clear"));
        // api.py sets only "clear" apart; the drivers take anything but "tls" as mutual TLS
        assertEquals(ConnectionSecurity.MTLS, ConnectionSecurity.of("something else"));

        Path kitDir = F3Fixtures.adminKit(tmp, "grpc", 8002, "tls");
        Path json = kitDir.resolve("startup/fed_admin.json");
        Files.writeString(json, Files.readString(json).replace("\"connection_security\": \"tls\",", ""));
        AdminKitInfo info = StartupKit.inspect(kitDir);
        assertEquals("mtls", info.connectionSecurity(), "a kit that names none is mutual TLS");
        assertEquals(
                "admin@nvidia.com (project_admin) -> grpc://127.0.0.1:8002, project example_project", info.describe());
        assertEquals(
                "admin@nvidia.com (project_admin) -> grpc://127.0.0.1:8002, project example_project,"
                        + " connection security clear",
                StartupKit.inspect(F3Fixtures.adminKit(tmp.resolve("clear"), "grpc", 8002, "clear"))
                        .describe());
    }

    private FlareException failure(String scheme, ConnectionSecurity server, String kitSecurity, Path tmp)
            throws Exception {
        try (FakeFlareServer flare = new FakeFlareServer();
                Listener listener = listen(scheme, server, flare)) {
            serverThread.submit(() -> {
                try (SfmConnection conn = listener.accept()) {
                    flare.serveOn(conn);
                }
                return null;
            });
            Path kitDir = F3Fixtures.adminKit(tmp, scheme, listener.port(), kitSecurity);
            AdminKitInfo info = StartupKit.inspect(kitDir);
            AdminIdentity kit = AdminIdentity.load(kitDir.resolve("startup"));
            FlareException e = assertThrows(FlareException.class, () -> {
                try (AdminConnection conn = AdminConnection.open(info, kit, Duration.ofSeconds(3))) {
                    login(conn, kit);
                }
            });
            assertEquals(ErrorCodes.CONNECTION_FAILED, e.errorCode());
            return e;
        }
    }

    private static AdminLogin.Session login(AdminConnection conn, AdminIdentity kit) throws Exception {
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

    /** One server of a scheme, secured as a FLARE server with {@code security}, that says what it saw. */
    private interface Listener extends AutoCloseable {
        int port();

        SfmConnection accept() throws Exception;

        /** "TLS with client certificate CN", "TLS without client certificate" or "no TLS". */
        String seen() throws Exception;
    }

    private static Listener listen(String scheme, ConnectionSecurity security, FakeFlareServer flare) throws Exception {
        return switch (scheme) {
            case "tcp" -> tcp(security, flare);
            case "http" -> {
                FakeWebSocketServer ws = new FakeWebSocketServer(flare.tls(), true, security);
                yield listener(ws.port(), () -> ws.accept(TIMEOUT), ws::close, () -> {
                    var handshake = ws.request().getHandshake();
                    return handshake == null ? "no TLS" : described(handshake.peerCertificates());
                });
            }
            case "grpc" -> {
                FakeGrpcServer grpc = new FakeGrpcServer(flare.tls(), security);
                yield listener(grpc.port(), () -> grpc.accept(TIMEOUT), grpc::close, () -> {
                    FakeGrpcServer.CallInfo call = grpc.calls().get(0);
                    return call.tls() ? described(call.clientCertificates()) : "no TLS";
                });
            }
            default -> throw new IllegalArgumentException(scheme);
        };
    }

    private static Listener tcp(ConnectionSecurity security, FakeFlareServer flare) throws Exception {
        ServerSocket socket;
        if (security == ConnectionSecurity.CLEAR) {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } else {
            SSLServerSocket ssl = (SSLServerSocket)
                    flare.tls().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
            ssl.setNeedClientAuth(security == ConnectionSecurity.MTLS);
            socket = ssl;
        }
        socket.setSoTimeout(10_000);
        Socket[] accepted = new Socket[1];
        return listener(
                socket.getLocalPort(),
                () -> {
                    Socket s = socket.accept();
                    s.setSoTimeout(10_000);
                    if (s instanceof SSLSocket ssl) {
                        ssl.startHandshake();
                    }
                    accepted[0] = s;
                    return new SfmConnection(s.getInputStream(), s.getOutputStream(), new SfmCodec(8 << 20), s);
                },
                socket::close,
                () -> {
                    if (!(accepted[0] instanceof SSLSocket ssl)) {
                        return "no TLS";
                    }
                    try {
                        return described(List.of(ssl.getSession().getPeerCertificates()));
                    } catch (SSLPeerUnverifiedException e) {
                        return described(List.of());
                    }
                });
    }

    private static String described(List<Certificate> clientCertificates) throws Exception {
        return clientCertificates.isEmpty()
                ? "TLS without client certificate"
                : "TLS with client certificate " + KitCrypto.commonName((X509Certificate) clientCertificates.get(0));
    }

    private interface Closer {
        void close() throws Exception;
    }

    private static Listener listener(int port, Callable<SfmConnection> accept, Closer closer, Callable<String> seen) {
        return new Listener() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public SfmConnection accept() throws Exception {
                return accept.call();
            }

            @Override
            public String seen() throws Exception {
                return seen.call();
            }

            @Override
            public void close() throws Exception {
                closer.close();
            }
        };
    }
}
