package io.jenkins.plugins.nvflare.client.f3.testing;

import io.jenkins.plugins.nvflare.client.f3.cell.AdminCellName;
import io.jenkins.plugins.nvflare.client.f3.cell.CellHeaders;
import io.jenkins.plugins.nvflare.client.f3.cell.CellMessage;
import io.jenkins.plugins.nvflare.client.f3.cell.Shareables;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.identity.ConnectionSecurity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitCrypto;
import io.jenkins.plugins.nvflare.client.f3.identity.KitTls;
import io.jenkins.plugins.nvflare.client.f3.identity.PssSignatures;
import io.jenkins.plugins.nvflare.client.f3.msgpack.Fobs;
import io.jenkins.plugins.nvflare.client.f3.msgpack.Lobs;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmFrame;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmHandshake;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Test double of a FLARE server's admin side, written from fed_server.py (client_challenge,
 * register_client) and hci/server/login.py + hci.py: it checks every signature the client sends and
 * signs its answers with the fixture server key (server-3072.key, certificate issued by root-ca.crt).
 * Serves one connection, by default on its own mTLS socket (tcp scheme), or any {@link SfmConnection}
 * given to {@link #serveOn(SfmConnection)} (e.g. a websocket using {@link #tls()}), or session after session
 * over either scheme with {@link #serveEachSession(String)}; {@link #log()} records what it saw for the test
 * to assert.
 */
public final class FakeFlareServer implements AutoCloseable {
    public static final String TOKEN = "tok-1";
    public static final String HCI_TOKEN = "hci-session-1";
    /** Room for a full 1 MiB upload chunk plus its headers (FLARE's own limit is 2 GiB - 2 MiB). */
    private static final SfmCodec CODEC = new SfmCodec(8 << 20);

    private final SSLContext tls;
    private final SSLServerSocket listener;
    private final PrivateKey key;
    private final byte[] certPem;
    private final List<String> log = new ArrayList<>();
    private String serverNonce;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Command> commands = new ConcurrentHashMap<>();

    /** Returned by a {@link Route} to drop the connection instead of answering. */
    static final Object HANG_UP = new Object();
    /** Returned by a {@link Route} to leave the request unanswered (a lost reply); the connection stays open. */
    public static final Object NO_REPLY = new Object();
    /** Returned by a {@link Route} to answer with return code "timeout" and no body. */
    static final Object TIMEOUT_REPLY = new Object();
    /** An hci answer (from {@link #answering}) that drops the connection instead, as a server that crashes on the command. */
    static final String HANG_UP_ANSWER = "\u0000hang up";

    /** Handles requests on one extra channel/topic; the result is the fobs reply body. */
    public interface Route {
        Object handle(CellMessage request, SfmConnection conn) throws Exception;
    }

    /** Handles one hci command (by its first word) after the session checks; returns the reply JSON. */
    public interface Command {
        String handle(String line) throws Exception;
    }

    /** Adds a handler for {@code channel/topic} requests beyond login and hci commands. */
    public void route(String channelTopic, Route handler) {
        routes.put(channelTopic, handler);
    }

    /** Answers the hci command {@code name} (e.g. "job_mgmt.download_job") with {@code handler}. */
    public void command(String name, Command handler) {
        commands.put(name, handler);
    }

    private volatile java.util.function.Function<String, String> answers = line -> null;
    private volatile java.util.function.Function<String, String> certLoginAnswer = study -> null;
    private volatile int droppedChallenges;
    private volatile boolean closed;
    /** The listener {@link #serveEachSession} opened besides this server's own socket (closed with it). */
    private AutoCloseable extraListener;

    private int servedPort;
    private Thread sessions;
    private final java.util.Set<SfmConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean expired;

    public FakeFlareServer() throws Exception {
        this(null, null);
    }

    /**
     * A server whose TLS presents {@code tlsKey} and {@code tlsCert} (null: its own server certificate) while its login
     * challenge proves the server certificate: a relay through another participant's TLS identity.
     */
    public FakeFlareServer(java.security.PrivateKey tlsKey, X509Certificate tlsCert) throws Exception {
        key = KitCrypto.privateKey(F3Fixtures.text("server-3072.key"), "server.key");
        certPem = F3Fixtures.bytes("server-3072-by-root.crt");
        X509Certificate cert = KitCrypto.certificate(new String(certPem, StandardCharsets.US_ASCII), "server.crt");
        X509Certificate admin = KitCrypto.certificate(F3Fixtures.text("admin-2048.crt"), "admin.crt");
        tls = tlsKey == null
                ? KitTls.context(key, List.of(cert), List.of(admin))
                : KitTls.context(tlsKey, List.of(tlsCert), List.of(admin));
        listener = (SSLServerSocket)
                tls.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setNeedClientAuth(true);
        listener.setSoTimeout(10_000);
    }

    /**
     * Answers hci commands after login with {@code answers.apply(commandLine)} (an hci reply JSON text);
     * a null answer falls back to the default {@code "ran <line>"} string reply.
     */
    /**
     * Drops the first {@code n} challenges without an answer, as a live 2.9 server drops a request that arrives
     * before it has registered the new endpoint (conn_manager.py: "'NoneType' object has no attribute 'endpoint'").
     */
    public FakeFlareServer droppingChallenges(int n) {
        this.droppedChallenges = n;
        return this;
    }

    /** Answers {@code _cert_login} for a study with this hci reply JSON instead (null: the default answer). */
    public FakeFlareServer answeringCertLogin(java.util.function.Function<String, String> certLoginAnswer) {
        this.certLoginAnswer = certLoginAnswer;
        return this;
    }

    public FakeFlareServer answering(java.util.function.Function<String, String> answers) {
        this.answers = answers;
        return this;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The server's TLS: the fixture server certificate, trusting the admin certificate (client auth). */
    public SSLContext tls() {
        return tls;
    }

    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    private synchronized void record(String entry) {
        log.add(entry);
    }

    /** Serves one client on the TLS socket until it disconnects. */
    public Void serve() throws Exception {
        try (SSLSocket s = (SSLSocket) listener.accept()) {
            s.setSoTimeout(10_000);
            serveOn(new SfmConnection(s.getInputStream(), s.getOutputStream(), CODEC, s));
        }
        return null;
    }

    /**
     * Serves one session after the other on a background thread until {@link #close()}, as the client opens
     * a connection per call: {@code tcp} on this server's own socket, {@code http} as a websocket per session
     * on a {@link FakeWebSocketServer} with this server's TLS. A failed session just ends that session.
     *
     * @return the port the kit for {@code scheme} connects to
     */
    public synchronized int serveEachSession(String scheme) throws IOException {
        return serveEachSession(scheme, ConnectionSecurity.MTLS);
    }

    /**
     * As {@link #serveEachSession(String)}, the listener secured as a FLARE server with this connection security:
     * client certificate required ({@code mtls}), TLS without asking for one ({@code tls}), or none ({@code clear});
     * {@code grpc} as a gRPC call per session on a {@link FakeGrpcServer}.
     */
    public synchronized int serveEachSession(String scheme, ConnectionSecurity security) throws IOException {
        Callable<SfmConnection> accept =
                switch (scheme) {
                    case "tcp" -> {
                        java.net.ServerSocket socket = tcpListener(security);
                        yield () -> {
                            java.net.Socket s = socket.accept();
                            s.setSoTimeout(10_000);
                            return new SfmConnection(s.getInputStream(), s.getOutputStream(), CODEC, s);
                        };
                    }
                    case "http" -> {
                        FakeWebSocketServer ws = new FakeWebSocketServer(tls, true, security);
                        extraListener = ws;
                        servedPort = ws.port();
                        yield () -> ws.accept(Duration.ofSeconds(10));
                    }
                    case "grpc" -> grpcSessions(security);
                    default -> throw new IllegalArgumentException("no fake for the " + scheme + " scheme");
                };
        // each connection on a thread of its own: a client may keep its session open while another one connects
        sessions = new Thread(
                () -> {
                    while (!closed) {
                        try {
                            SfmConnection conn = accept.call();
                            Thread session = new Thread(
                                    () -> {
                                        try (conn) {
                                            serveOn(conn);
                                        } catch (Exception e) {
                                            // a client going away, or the connection dropped by the test
                                        } finally {
                                            open.remove(conn);
                                        }
                                    },
                                    "FakeFlareServer " + scheme + " session");
                            open.add(conn);
                            session.setDaemon(true);
                            session.start();
                        } catch (Exception e) {
                            // an idle accept timing out, or the listener closed at the end
                        }
                    }
                },
                "FakeFlareServer " + scheme + " sessions");
        sessions.setDaemon(true);
        sessions.start();
        return servedPort;
    }

    /** This server's own mutual-TLS socket, or a new listener for server-only TLS or clear TCP. */
    private java.net.ServerSocket tcpListener(ConnectionSecurity security) throws IOException {
        servedPort = port();
        if (security == ConnectionSecurity.MTLS) {
            return listener;
        }
        java.net.ServerSocket socket = security == ConnectionSecurity.CLEAR
                ? new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(10_000);
        extraListener = socket;
        servedPort = socket.getLocalPort();
        return socket;
    }

    /** A {@link FakeGrpcServer} (in a method of its own, so that tests of the other schemes never load gRPC). */
    private Callable<SfmConnection> grpcSessions(ConnectionSecurity security) throws IOException {
        FakeGrpcServer grpc = new FakeGrpcServer(tls, security);
        extraListener = grpc;
        servedPort = grpc.port();
        return () -> grpc.accept(Duration.ofSeconds(10));
    }

    /** Ends every admin session: later commands with its token are answered {@code session_inactive} (sess.py). */
    public void expireSessions() {
        expired = true;
    }

    /** How many connections {@link #serveEachSession} is serving now. */
    public int openConnections() {
        return open.size();
    }

    /** Closes the connections being served, as a server that restarts or drops idle clients. */
    public void dropConnections() {
        for (SfmConnection conn : List.copyOf(open)) {
            try {
                conn.close();
            } catch (IOException e) {
                // closing is all that matters
            }
        }
    }

    /** Serves one client on an accepted connection until it disconnects (or a route hangs up). */
    public void serveOn(SfmConnection conn) throws Exception {
        SfmHandshake hello = conn.accept(new SfmHandshake("server", 1.0, Map.of()));
        record("hello " + (AdminCellName.isValid(hello.endpointName()) ? "admin-cell" : hello.endpointName()));
        for (SfmFrame f; (f = conn.receiveData()) != null; ) {
            CellMessage req = CellMessage.fromFrame(f);
            String route = req.header(CellHeaders.CHANNEL) + "/" + req.header(CellHeaders.TOPIC);
            if (route.equals("task/challenge") && droppedChallenges > 0) {
                droppedChallenges--;
                record("challenge dropped");
                continue;
            }
            Object body =
                    switch (route) {
                        case "task/challenge" -> challenge(req);
                        case "task/register" -> register(req);
                        case "hci_channel/command" -> command(req);
                        default -> extraRoute(route, req, conn);
                    };
            if (body == HANG_UP) {
                return;
            }
            if (body == NO_REPLY || Boolean.FALSE.equals(req.headers().get(CellHeaders.REPLY_EXPECTED))) {
                continue; // one-way message: CoreCell sends no reply
            }
            reply(conn, req, body);
        }
    }

    /**
     * Answers {@code req} with {@code body} (null: return code "unauthenticated"; {@link #TIMEOUT_REPLY}: "timeout"),
     * also after other requests.
     */
    static void reply(SfmConnection conn, CellMessage req, Object body) throws Exception {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(CellHeaders.MSG_TYPE, CellHeaders.MSG_TYPE_REPLY);
        h.put(CellHeaders.REQ_ID, List.of(req.header(CellHeaders.REQ_ID)));
        boolean empty = body == null || body == TIMEOUT_REPLY;
        h.put(
                CellHeaders.RETURN_CODE,
                body == null ? "unauthenticated" : empty ? CellHeaders.RC_TIMEOUT : CellHeaders.RC_OK);
        h.put(CellHeaders.PAYLOAD_ENCODING, empty ? CellHeaders.ENCODING_NONE : CellHeaders.ENCODING_FOBS);
        conn.send(new CellMessage(h, empty ? null : Lobs.encode(body)).toFrame(conn.nextStreamId(), 0));
    }

    private Object extraRoute(String route, CellMessage req, SfmConnection conn) throws Exception {
        Route handler = routes.get(route);
        if (handler == null) {
            throw new IllegalStateException("unexpected " + route);
        }
        return handler.handle(req, conn);
    }

    private Object challenge(CellMessage req) throws Exception {
        serverNonce = "srv-nonce-" + req.header("nonce").length();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("nonce", serverNonce);
        data.put("signature", PssSignatures.sign(key, "server" + req.header("nonce")));
        data.put("cn", "server");
        data.put("cert", certPem);
        record("challenge from " + req.header("cn"));
        return shareable(data);
    }

    private Object register(CellMessage req) throws Exception {
        Map<?, ?> data = (Map<?, ?>) Fobs.unwrap(req.decodedPayload());
        X509Certificate cert = cert((byte[]) data.get("cert"));
        boolean ok = verifies(cert.getPublicKey(), data.get("cn") + serverNonce, (byte[]) data.get("signature"));
        record("register " + req.header("client_type") + " " + (ok ? "signed" : "BAD SIGNATURE"));
        if (!ok) {
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("__token__", TOKEN);
        result.put(
                "__token_signature__",
                Base64.getEncoder().encodeToString(PssSignatures.sign(key, req.header("client_name") + TOKEN)));
        result.put("ssid", "ssid-1");
        return result;
    }

    private Object command(CellMessage req) throws Exception {
        if (!TOKEN.equals(req.header("__token__"))) {
            record("command without auth token");
            return null;
        }
        HciReply request = HciReply.parse((String) req.decodedPayload()); // requests share the reply shape
        String line = (String) request.items().get(0).data();
        if (line.startsWith("_cert_login ")) {
            X509Certificate cert = cert((byte[]) req.headers().get("cert"));
            boolean ok = verifies(cert.getPublicKey(), KitCrypto.commonName(cert), (byte[])
                    req.headers().get("signature"));
            String study = req.header("study");
            record("cert_login " + req.header("user_name") + " " + (ok ? "signed" : "BAD SIGNATURE") + " study="
                    + study);
            String rejection = certLoginAnswer.apply(study);
            if (rejection != null) {
                return rejection;
            }
            if (!"default".equals(study)) {
                // what a live 2.9 server answers (login.py:140; test resource f3/live/cert-login-study-not-configured)
                return hci(
                        "string",
                        "REJECT: AUTH_STUDY_NOT_CONFIGURED: study '" + study + "' is not configured on the server");
            }
            if (ok) {
                expired = false; // a new login starts a new session
            }
            return hci(ok ? "token" : "string", ok ? HCI_TOKEN : "REJECT");
        }
        String token = request.token().orElse("none");
        record("command " + line + " token=" + (HCI_TOKEN.equals(token) ? "ok" : token));
        if (expired) {
            // login.py / sess.py: the session is gone and cannot be recreated
            return "{\"time\":\"t\",\"data\":[{\"type\":\"error\",\"data\":\"session_inactive\"},"
                    + "{\"type\":\"string\",\"data\":\"user not authenticated or session timed out/expired after 1800"
                    + " seconds of inactivity - logged out\"}],\"meta\":{}}";
        }
        if (line.equals("_check_session")) {
            return hci("string", "OK");
        }
        Command handler = commands.get(line.split(" ", 2)[0]);
        String answer = handler != null ? handler.handle(line) : answers.apply(line);
        if (HANG_UP_ANSWER.equals(answer)) {
            record("hang up on " + line);
            return HANG_UP;
        }
        return answer != null ? answer : hci("string", "ran " + line);
    }

    private static String hci(String type, String data) {
        return "{\"time\":\"t\",\"data\":[{\"type\":\"" + type + "\",\"data\":\"" + data
                + "\"}],\"meta\":{\"status\":\"ok\"}}";
    }

    private static Map<String, Object> shareable(Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Fobs.TYPE, Shareables.SHAREABLE_TYPE);
        m.put(Fobs.DATA, data);
        m.put(Fobs.DECOMPOSER, Shareables.DICT_DECOMPOSER);
        return m;
    }

    private static X509Certificate cert(byte[] pem) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    private static boolean verifies(PublicKey key, String content, byte[] signature) throws Exception {
        return PssSignatures.verify(key, content.getBytes(StandardCharsets.UTF_8), signature);
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (sessions != null) {
            sessions.interrupt();
        }
        if (extraListener != null) {
            try {
                extraListener.close();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("cannot close " + extraListener + ": " + e, e);
            }
        }
        listener.close();
    }
}
