package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.AdminCellName;
import io.jenkins.plugins.nvflare.client.f3.cell.CellHeaders;
import io.jenkins.plugins.nvflare.client.f3.cell.CellRequester;
import io.jenkins.plugins.nvflare.client.f3.cell.SessionErrors;
import io.jenkins.plugins.nvflare.client.f3.grpc.GrpcDialer;
import io.jenkins.plugins.nvflare.client.f3.grpc.GrpcStatusException;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.ConnectionSecurity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitTls;
import io.jenkins.plugins.nvflare.client.f3.identity.TlsPeer;
import io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel;
import io.jenkins.plugins.nvflare.client.f3.sfm.Interrupts;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmHandshake;
import io.jenkins.plugins.nvflare.client.f3.ws.WebSocketDialer;
import io.jenkins.plugins.nvflare.client.f3.ws.WebSocketUpgradeException;
import io.jenkins.plugins.nvflare.client.kit.AdminKitInfo;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * An admin cell's connection to the server: TLS with the kit as its {@code connection_security} says (mutual by
 * default, server-only for {@code tls}, none for {@code clear}), HELLO/READY as {@code _admin_<uuid4>}, then a
 * {@link CellRequester} for login and commands. The driver follows the {@code scheme} of fed_admin.json:
 * {@code tcp} (drivers/tcp_driver.py: socket, SFM frames back to back), {@code http}/{@code https}
 * (drivers/aio_http_driver.py: websocket, one frame per binary message) or {@code grpc} (drivers/grpc_driver.py:
 * one bidirectional gRPC call, one frame per message). Every failure to get there is CONNECTION_FAILED.
 */
public final class AdminConnection implements Closeable {
    private static final String HINT = "Check the server address in fed_admin.json and that the server is running.";
    private static final String WRONG_SCHEME_HINT =
            "Check that fed_admin.json names the FLARE server's admin port and the scheme it listens with.";
    /**
     * Seen live: FLARE's grpc listener (grpc-core) completes the TLS handshake and then closes a connection that did
     * not offer HTTP/2, as a server refusing the client certificate does under TLS 1.3.
     */
    private static final String WEBSOCKET_HINT = "If the kit is this project's, check the scheme in fed_admin.json:"
            + " a grpc listener also closes a websocket (http) connection.";

    private static final String SECURITY_HINT =
            "Use the admin startup kit provisioned for this server's project, unchanged:"
                    + " its connection_security (fed_admin.json) must match how the server listens (mtls, tls or clear).";
    private static final String TLS_HINT = "Check that the kit belongs to this FLARE project and server.";
    private static final String OTHER_PROJECT_HINT = "Use the admin startup kit provisioned for this server's project,"
            + " unchanged, or check that fed_admin.json names that project's server.";
    /** TLS alerts a server sends for a client certificate it does not accept (TLS 1.2, or 1.3 before our first read). */
    private static final List<String> REFUSED_ALERTS =
            List.of("bad_certificate", "unknown_ca", "certificate_unknown", "certificate_required");

    private static final int MAX_FRAME = 64 * 1024 * 1024;

    private final SfmConnection conn;
    private final CellRequester cell;
    private final TlsPeer peer;
    private final ConnectionSecurity security;

    private AdminConnection(SfmConnection conn, CellRequester cell, TlsPeer peer, ConnectionSecurity security) {
        this.conn = conn;
        this.cell = cell;
        this.peer = peer;
        this.security = security;
    }

    public CellRequester cell() {
        return cell;
    }

    /**
     * The certificate the login's identity challenge must prove, or null when there is none to bind: the server's own
     * TLS certificate with mutual TLS (FLARE's server presents its server certificate there). With one-way TLS the
     * TLS may end before the server (an ingress with its own certificate), and a clear connection has none.
     */
    public X509Certificate certificateToBind() {
        return security == ConnectionSecurity.MTLS ? peer.certificate() : null;
    }

    /**
     * Connects with the driver named by the kit's {@code scheme}, secured as its {@code connection_security} says.
     *
     * @param timeout connect timeout and the read timeout of every request
     * @throws InterruptedException the calling thread was interrupted meanwhile ({@link Interrupts})
     */
    public static AdminConnection open(AdminKitInfo info, AdminIdentity kit, Duration timeout)
            throws FlareException, InterruptedException {
        String scheme = info.scheme() == null ? "" : info.scheme().toLowerCase(Locale.ROOT);
        ConnectionSecurity security = ConnectionSecurity.of(info.connectionSecurity());
        switch (scheme) {
            case "tcp":
                return openTcp(info.host(), info.port(), kit, security, timeout);
            case "http":
            case "https":
                return openHttp(info.host(), info.port(), kit, security, timeout);
            case "grpc":
                return openGrpc(info.host(), info.port(), kit, security, timeout);
            default:
                throw FlareException.local(
                        ErrorCodes.KIT_INVALID,
                        "Unknown scheme '" + info.scheme() + "' in startup/fed_admin.json.",
                        "Use the admin startup kit exactly as provisioned by NVFlare (scheme http, tcp or grpc).");
        }
    }

    /** The {@code tcp} scheme with mutual TLS. */
    static AdminConnection openTcp(String host, int port, AdminIdentity kit, Duration timeout)
            throws FlareException, InterruptedException {
        return openTcp(host, port, kit, ConnectionSecurity.MTLS, timeout);
    }

    /**
     * The {@code tcp} scheme: a TLS socket (with or without the kit's certificate), or a plain one when the
     * connection is clear, carrying SFM frames back to back.
     */
    static AdminConnection openTcp(
            String host, int port, AdminIdentity kit, ConnectionSecurity security, Duration timeout)
            throws FlareException, InterruptedException {
        Socket socket = null;
        try {
            SSLContext tls = KitTls.clientContext(kit, security);
            socket = tls == null
                    ? new Socket()
                    : KitTls.configure((SSLSocket) tls.getSocketFactory().createSocket());
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            // Nagle's algorithm would hold a frame's last TLS record back until the server acknowledges the ones
            // before, which it delays: a 200 MB upload, one answer awaited per 1 MiB chunk, took 2.5-3.5x as long.
            socket.setTcpNoDelay(true);
            TlsPeer peer = new TlsPeer();
            if (socket instanceof SSLSocket ssl) {
                ssl.startHandshake();
                peer.record(ssl.getSession());
            }
            AdminConnection conn = handshake(
                    new SfmConnection(
                            socket.getInputStream(), socket.getOutputStream(), new SfmCodec(MAX_FRAME), socket),
                    host,
                    port,
                    peer,
                    security);
            Interrupts.check(); // the socket ignores interrupts: one that came meanwhile shows only now
            return conn;
        } catch (IOException e) {
            closeQuietly(socket);
            Interrupts.rethrowIfInterrupt(e);
            throw failed(host, port, e, security);
        } catch (GeneralSecurityException e) {
            closeQuietly(socket);
            throw cannotConnect(host, port, e);
        } catch (FlareException e) {
            closeQuietly(socket);
            Interrupts.rethrowIfInterrupt(e);
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** The {@code http} scheme with mutual TLS. */
    public static AdminConnection openHttp(String host, int port, AdminIdentity kit, Duration timeout)
            throws FlareException, InterruptedException {
        return openHttp(host, port, kit, ConnectionSecurity.MTLS, timeout);
    }

    /**
     * The {@code http}/{@code https} scheme: a {@code wss://host:port/f3} websocket ({@code ws://} when the
     * connection is clear), one SFM frame per binary message.
     */
    public static AdminConnection openHttp(
            String host, int port, AdminIdentity kit, ConnectionSecurity security, Duration timeout)
            throws FlareException, InterruptedException {
        FrameChannel channel = null;
        try {
            TlsPeer peer = new TlsPeer();
            channel = WebSocketDialer.open(host, port, kit, security, timeout, MAX_FRAME, peer);
            AdminConnection conn =
                    handshake(new SfmConnection(channel, new SfmCodec(MAX_FRAME)), host, port, peer, security);
            Interrupts.check();
            return conn;
        } catch (WebSocketUpgradeException e) {
            throw SessionErrors.connectionFailed(
                    "The server at " + host + ":" + port + " refused FLARE's websocket (GET /" + WebSocketDialer.PATH
                            + "): " + e.getMessage() + ".",
                    WRONG_SCHEME_HINT);
        } catch (IOException e) {
            closeQuietly(channel);
            Interrupts.rethrowIfInterrupt(e);
            throw failed(host, port, e, security, WEBSOCKET_HINT);
        } catch (GeneralSecurityException e) {
            closeQuietly(channel);
            throw cannotConnect(host, port, e);
        } catch (FlareException e) {
            closeQuietly(channel);
            Interrupts.rethrowIfInterrupt(e);
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The {@code grpc} scheme: the bidirectional {@code streamer.Streamer/Stream} call over HTTP/2 (TLS, or
     * cleartext when the connection is clear), one SFM frame per gRPC message.
     */
    public static AdminConnection openGrpc(
            String host, int port, AdminIdentity kit, ConnectionSecurity security, Duration timeout)
            throws FlareException, InterruptedException {
        FrameChannel channel = null;
        try {
            TlsPeer peer = new TlsPeer();
            channel = GrpcDialer.open(host, port, kit, security, timeout, MAX_FRAME, peer);
            AdminConnection conn =
                    handshake(new SfmConnection(channel, new SfmCodec(MAX_FRAME)), host, port, peer, security);
            Interrupts.check();
            return conn;
        } catch (GrpcStatusException e) {
            closeQuietly(channel);
            throw SessionErrors.connectionFailed(
                    "The server at " + host + ":" + port + " did not take FLARE's gRPC stream (POST /" + GrpcDialer.PATH
                            + "): " + e.getMessage() + ".",
                    WRONG_SCHEME_HINT);
        } catch (IOException e) {
            closeQuietly(channel);
            Interrupts.rethrowIfInterrupt(e);
            if (isHttp1Only(e)) {
                throw SessionErrors.connectionFailed(
                        "The server at " + host + ":" + port + " does not speak HTTP/2, so it is not FLARE's grpc"
                                + " listener.",
                        WRONG_SCHEME_HINT);
            }
            throw failed(host, port, e, security);
        } catch (GeneralSecurityException e) {
            closeQuietly(channel);
            throw cannotConnect(host, port, e);
        } catch (FlareException e) {
            closeQuietly(channel);
            Interrupts.rethrowIfInterrupt(e);
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** OkHttp's refusal of a duplex call on a connection whose server chose HTTP/1.1 (ALPN). */
    private static boolean isHttp1Only(IOException e) {
        return e instanceof java.net.ProtocolException
                && String.valueOf(e.getMessage()).contains("HTTP/1");
    }

    private static AdminConnection handshake(
            SfmConnection conn, String host, int port, TlsPeer tlsPeer, ConnectionSecurity security)
            throws IOException, FlareException {
        String me = AdminCellName.random();
        SfmHandshake peer = conn.connect(new SfmHandshake(me, now(), Map.of()));
        if (!CellHeaders.SERVER.equals(peer.endpointName())) {
            throw SessionErrors.connectionFailed(
                    "Expected the FLARE server at " + host + ":" + port + " but the peer calls itself '"
                            + peer.endpointName() + "'.",
                    HINT);
        }
        return new AdminConnection(
                conn,
                new CellRequester(
                        conn, me, () -> UUID.randomUUID().toString(), AdminConnection::now, host + ":" + port),
                tlsPeer,
                security);
    }

    /**
     * What a failure to connect means. Seen live (2.8.1, http): a kit whose client certificate and key come from
     * another project is refused by the server during the TLS handshake, which reaches us as "Broken pipe" or
     * "unexpected end of stream"; a kit of another project altogether fails our check of the server's certificate
     * (a PKIX path error). Both are said in FLARE's terms, without the TLS library's internals.
     */
    private static FlareException failed(String host, int port, IOException e, ConnectionSecurity security) {
        return failed(host, port, e, security, "");
    }

    /**
     * @param refusedHint said after the hint when the server closed the connection while it was set up (over http:
     *     a gRPC listener does that too, live)
     */
    private static FlareException failed(
            String host, int port, IOException e, ConnectionSecurity security, String refusedHint) {
        FlareException f = failedAs(host, port, e, security);
        return refusedHint.isEmpty() || !closedWhileConnecting(e)
                ? f
                : SessionErrors.connectionFailed(f.getMessage(), f.hint() + " " + refusedHint);
    }

    private static FlareException failedAs(String host, int port, IOException e, ConnectionSecurity security) {
        if (security == ConnectionSecurity.CLEAR && answeredNotInClear(e)) {
            return SessionErrors.connectionFailed(
                    "The FLARE server at " + host + ":" + port + " did not answer as expected when connecting without"
                            + " TLS: the kit's connection_security is clear, and the server may expect TLS.",
                    SECURITY_HINT);
        }
        SSLException ssl = tlsFailure(e);
        if (ssl != null) {
            String message = String.valueOf(ssl.getMessage());
            if (message.contains("Unsupported or unrecognized SSL message")
                    || message.contains("Remote host terminated the handshake")) {
                return SessionErrors.connectionFailed(
                        "The FLARE server at " + host + ":" + port + " does not answer with TLS, but the kit's"
                                + " connection_security is " + security.wireName()
                                + ": the server may be set up with connection_security clear.",
                        SECURITY_HINT);
            }
            if (security == ConnectionSecurity.TLS && refusedAlert(ssl)) {
                return clientCertificateRequired(host, port);
            }
            return tlsFailed(host, port, ssl);
        }
        if (!closedWhileConnecting(e)) {
            return cannotConnect(host, port, e);
        }
        return switch (security) {
            case MTLS -> certificateRefused(host, port);
            case TLS -> clientCertificateRequired(host, port);
            case CLEAR -> cannotConnect(host, port, e);
        };
    }

    /**
     * The TLS failure behind {@code e}: itself, a cause, or one its handling suppressed. Over HTTP/2 (grpc) OkHttp may
     * report the connection's shutdown and keep the TLS alert that caused it as a suppressed exception, depending on
     * which of its threads sees the alert first.
     */
    private static SSLException tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SSLException ssl) {
                    return ssl;
                }
            }
        }
        return null;
    }

    /**
     * Connecting in clear to a TLS listener: the server closes, or answers with TLS records that are no HTTP status
     * line (websocket) or HTTP/2 preface (gRPC).
     */
    private static boolean answeredNotInClear(IOException e) {
        return closedWhileConnecting(e)
                || e instanceof java.net.ProtocolException
                || String.valueOf(e.getMessage()).contains("Unexpected status line")
                || String.valueOf(e.getMessage()).contains("SETTINGS preface");
    }

    /** A server with mutual TLS and a kit with server-only TLS (no client certificate to present). */
    private static FlareException clientCertificateRequired(String host, int port) {
        return SessionErrors.connectionFailed(
                "The FLARE server at " + host + ":" + port + " refused the connection during the TLS handshake: it"
                        + " asks for a client certificate (mutual TLS), and the kit's connection_security is tls, so"
                        + " none was presented.",
                SECURITY_HINT);
    }

    private static boolean refusedAlert(SSLException e) {
        String alert = String.valueOf(e.getMessage());
        return REFUSED_ALERTS.stream().anyMatch(alert::contains);
    }

    private static FlareException tlsFailed(String host, int port, SSLException e) {
        if (causedBy(e, CertificateException.class) || causedBy(e, CertPathBuilderException.class)) {
            return SessionErrors.connectionFailed(
                    "TLS with the FLARE server at " + host + ":" + port
                            + " failed: its certificate was not issued by the kit's root CA (startup/rootCA.pem), so the kit"
                            + " belongs to another FLARE project than this server.",
                    OTHER_PROJECT_HINT);
        }
        if (refusedAlert(e)) {
            return certificateRefused(host, port);
        }
        return SessionErrors.connectionFailed(
                "TLS with the FLARE server at " + host + ":" + port + " failed: " + e.getMessage(), TLS_HINT);
    }

    private static FlareException certificateRefused(String host, int port) {
        return SessionErrors.connectionFailed(
                "The FLARE server at " + host + ":" + port
                        + " refused the kit's client certificate (startup/client.crt) during the TLS handshake: the"
                        + " certificate and key belong to another FLARE project than this server.",
                OTHER_PROJECT_HINT);
    }

    /** The peer accepted the connection and then closed it: what a TLS server does with a client certificate it refuses. */
    private static boolean closedWhileConnecting(IOException e) {
        if (e instanceof ConnectException
                || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException
                || e instanceof InterruptedIOException) {
            return false;
        }
        if (e instanceof EOFException) {
            return true;
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("broken pipe")
                || message.contains("unexpected end of stream")
                // OkHttp's HTTP/2 connection (grpc), shut down or its socket closed by the peer while the call starts
                || e.getClass().getSimpleName().equals("ConnectionShutdownException")
                || message.contains("socket is closed")
                || message.contains("connection reset")
                // the JDK's TLS socket, written to after the peer closed it
                || message.contains("outbound has closed");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static FlareException cannotConnect(String host, int port, Exception e) {
        return SessionErrors.connectionFailed(
                "Cannot connect to the FLARE server at " + host + ":" + port + ": " + e.getMessage(), HINT);
    }

    private static double now() {
        return Instant.now().toEpochMilli() / 1000.0;
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing; the original error is what the user needs
            }
        }
    }

    @Override
    public void close() throws IOException {
        conn.close();
    }
}
