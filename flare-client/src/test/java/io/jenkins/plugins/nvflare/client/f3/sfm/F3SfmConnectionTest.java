package io.jenkins.plugins.nvflare.client.f3.sfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.f3.cell.AdminCellName;
import io.jenkins.plugins.nvflare.client.f3.cell.CellHeaders;
import io.jenkins.plugins.nvflare.client.f3.cell.CellMessage;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.hci.HciRequest;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitCrypto;
import io.jenkins.plugins.nvflare.client.f3.identity.KitTls;
import io.jenkins.plugins.nvflare.client.f3.msgpack.Lobs;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-process mutual-TLS server that follows the SFM side of the protocol: handshake, a PING
 * that the client must answer, one CellNet request and its reply.
 */
class F3SfmConnectionTest {
    private static final SfmCodec CODEC = new SfmCodec(1 << 20);
    private final ExecutorService server = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopServer() {
        server.shutdownNow();
    }

    @Test
    void mutualTlsHandshakeHeartbeatAndRequestReply(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "root-ca.crt");
        try (SSLServerSocket listener = listener()) {
            Future<String> serverSide = server.submit(() -> serveOneRequest(listener));
            String me = AdminCellName.random();

            try (SSLSocket socket = connect(kit, listener.getLocalPort())) {
                SfmConnection conn =
                        new SfmConnection(socket.getInputStream(), socket.getOutputStream(), CODEC, socket);
                SfmHandshake peer;
                try {
                    peer = conn.connect(new SfmHandshake(me, 1.0, Map.of()));
                } catch (IOException e) {
                    if (serverSide.isDone()) {
                        serverSide.get(); // surfaces the server's failure instead of our timeout
                    }
                    throw e;
                }
                assertEquals("server", peer.endpointName());

                CellMessage request = CellMessage.request(
                        me,
                        "server",
                        CellHeaders.CHANNEL_HCI,
                        CellHeaders.TOPIC_COMMAND,
                        "req-42",
                        2.0,
                        Map.of(),
                        new HciRequest("list_jobs", "tok", null).toJson(java.time.LocalDateTime.now()));
                conn.send(request.toFrame(conn.nextStreamId(), 0));

                CellMessage reply = CellMessage.fromFrame(conn.receiveData());
                assertEquals(List.of("req-42"), reply.requestIds());
                assertEquals("ok", reply.returnCode());
                HciReply hci = HciReply.parse((String) reply.decodedPayload());
                assertEquals(List.of("no jobs"), hci.messages());
            }
            assertEquals("admin@nvidia.com PONG list_jobs", serverSide.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void serverNotIssuedByTheKitRootIsRefused(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup, "admin-2048.crt"); // trusts only itself, not the project root
        try (SSLServerSocket listener = listener()) {
            server.submit(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                }
                return null;
            });
            try (SSLSocket socket = connect(kit, listener.getLocalPort())) {
                assertThrows(SSLException.class, socket::startHandshake);
            }
        }
    }

    @Test
    void sequenceAndStreamIdsWrapAtSixteenBits() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SfmConnection conn = new SfmConnection(new ByteArrayInputStream(new byte[0]), wire, CODEC, () -> {});
        int lastStream = 0;
        for (int i = 0; i < 65537; i++) {
            lastStream = conn.nextStreamId();
            conn.send(new SfmFrame(SfmFrameType.PONG.code(), 0, 0, lastStream, 0, Map.of(), null));
        }
        assertEquals(1, lastStream);
        byte[] bytes = wire.toByteArray();
        SfmFrame first = CODEC.decode(java.util.Arrays.copyOfRange(bytes, 0, 16));
        SfmFrame last = CODEC.decode(java.util.Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length));
        assertEquals(1, first.sequence());
        assertEquals(1, last.sequence(), "65537th frame wraps past 0 back to 1");
        SfmFrame zero = CODEC.decode(java.util.Arrays.copyOfRange(bytes, 65535 * 16, 65536 * 16));
        assertEquals(0, zero.sequence());
    }

    @Test
    void answersPingWithPongLikePython() throws Exception {
        byte[] ping = Hex.bytes("00 00 00 11 00 00 06 00 00 00 00 00 00 05 00 09 c0");
        byte[] data = CODEC.encode(SfmFrame.data(1, 6, 10, Map.of(), new byte[] {42}));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SfmConnection conn = new SfmConnection(new ByteArrayInputStream(concat(ping, data)), wire, CODEC, () -> {});

        SfmFrame got = conn.receiveData();

        assertEquals(6, got.streamId(), "the DATA frame after the PING");
        assertEquals("00 00 00 11 00 00 07 00 00 00 00 00 00 01 00 01 c0", Hex.of(wire.toByteArray()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void unexpectedFramesAreProtocolErrors() throws Exception {
        byte[] hello = CODEC.encode(new SfmHandshake("server", 1, Map.of()).toFrame(SfmFrameType.HELLO, 1));
        SfmConnection conn =
                new SfmConnection(new ByteArrayInputStream(hello), new ByteArrayOutputStream(), CODEC, () -> {});
        SfmFrameException e =
                assertThrows(SfmFrameException.class, () -> conn.connect(new SfmHandshake("me", 1, Map.of())));
        assertTrue(e.getMessage().contains("expected an SFM READY frame"), e.getMessage());

        SfmConnection after =
                new SfmConnection(new ByteArrayInputStream(hello), new ByteArrayOutputStream(), CODEC, () -> {});
        e = assertThrows(SfmFrameException.class, after::receiveData);
        assertTrue(e.getMessage().contains("unexpected HELLO frame after the handshake"), e.getMessage());
    }

    /** The test server: returns "peerCN heartbeatAnswer command" for the test to check. */
    private static String serveOneRequest(SSLServerSocket listener) throws Exception {
        try (SSLSocket s = (SSLSocket) listener.accept()) {
            s.setSoTimeout(5000);
            SfmConnection conn = new SfmConnection(s.getInputStream(), s.getOutputStream(), CODEC, s);
            conn.accept(new SfmHandshake("server", 1.0, Map.of()));
            String peerCn =
                    KitCrypto.commonName((X509Certificate) s.getSession().getPeerCertificates()[0]);

            conn.send(new SfmFrame(SfmFrameType.PING.code(), 0, 0, conn.nextStreamId(), 0, Map.of(), null));
            // The client may send its request before it sees our PING: take the next two frames in any order.
            String pongName = "none";
            CellMessage request = null;
            for (int i = 0; i < 2; i++) {
                SfmFrame f = CODEC.read(s.getInputStream());
                if (f.type() == SfmFrameType.DATA.code()) {
                    request = CellMessage.fromFrame(f);
                } else {
                    pongName = SfmFrameType.of(f.type()).orElseThrow().name();
                }
            }
            HciReply asJson = HciReply.parse((String) request.decodedPayload()); // the request has the same shape
            String command = (String) asJson.items().get(0).data();

            Map<String, Object> h = new LinkedHashMap<>();
            h.put(CellHeaders.MSG_TYPE, CellHeaders.MSG_TYPE_REPLY);
            h.put(CellHeaders.REQ_ID, List.of(request.header(CellHeaders.REQ_ID)));
            h.put(CellHeaders.RETURN_CODE, CellHeaders.RC_OK);
            h.put(CellHeaders.PAYLOAD_ENCODING, CellHeaders.ENCODING_FOBS);
            byte[] body =
                    Lobs.encode("{\"time\":\"t\",\"data\":[{\"type\":\"string\",\"data\":\"no jobs\"}],\"meta\":{}}");
            conn.send(new CellMessage(h, body).toFrame(conn.nextStreamId(), 0));
            return peerCn + " " + pongName + " " + command;
        }
    }

    private static SSLServerSocket listener() throws Exception {
        PrivateKey key = KitCrypto.privateKey(F3Fixtures.text("server-3072.key"), "server.key");
        X509Certificate cert = KitCrypto.certificate(F3Fixtures.text("server-3072-by-root.crt"), "server.crt");
        X509Certificate admin = KitCrypto.certificate(F3Fixtures.text("admin-2048.crt"), "admin.crt");
        SSLServerSocket listener = (SSLServerSocket) KitTls.context(key, List.of(cert), List.of(admin))
                .getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        listener.setNeedClientAuth(true);
        listener.setEnabledProtocols(KitTls.protocols());
        listener.setSoTimeout(10_000);
        return listener;
    }

    private static SSLSocket connect(AdminIdentity kit, int port) throws Exception {
        SSLSocket socket = KitTls.configure((SSLSocket) KitTls.clientContext(kit)
                .getSocketFactory()
                .createSocket(java.net.InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(5000);
        return socket;
    }

    private static AdminIdentity kit(Path startup, String rootFixture) throws IOException, Exception {
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes(rootFixture));
        return AdminIdentity.load(startup);
    }
}
