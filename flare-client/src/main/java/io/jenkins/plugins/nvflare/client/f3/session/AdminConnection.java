package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.AdminCellName;
import io.jenkins.plugins.nvflare.client.f3.cell.CellHeaders;
import io.jenkins.plugins.nvflare.client.f3.cell.CellRequester;
import io.jenkins.plugins.nvflare.client.f3.cell.SessionErrors;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitTls;
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
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * An admin cell's connection to the server: mutual TLS with the kit, HELLO/READY as
 * {@code _admin_<uuid4>}, then a {@link CellRequester} for login and commands. The driver follows the
 * {@code scheme} of fed_admin.json: {@code tcp} (drivers/tcp_driver.py: TLS socket, SFM frames back
 * to back) or {@code http}/{@code https} (drivers/aio_http_driver.py: websocket, one frame per binary
 * message). Every failure to get there is CONNECTION_FAILED.
 */
public final class AdminConnection implements Closeable {
    private static final String HINT = "Check the server address in fed_admin.json and that the server is running.";
    private static final String TLS_HINT = "Check that the kit belongs to this FLARE project and server.";
    private static final String OTHER_PROJECT_HINT = "Use the admin startup kit provisioned for this server's project,"
            + " unchanged, or check that fed_admin.json names that project's server.";
    /** TLS alerts a server sends for a client certificate it does not accept (TLS 1.2, or 1.3 before our first read). */
    private static final List<String> REFUSED_ALERTS =
            List.of("bad_certificate", "unknown_ca", "certificate_unknown", "certificate_required");

    private static final int MAX_FRAME = 64 * 1024 * 1024;

    private final SfmConnection conn;
    private final CellRequester cell;

    private AdminConnection(SfmConnection conn, CellRequester cell) {
        this.conn = conn;
        this.cell = cell;
    }

    public CellRequester cell() {
        return cell;
    }

    /**
     * Connects with the driver named by the kit's {@code scheme}.
     *
     * @param timeout connect timeout and the read timeout of every request
     * @throws InterruptedException the calling thread was interrupted meanwhile ({@link Interrupts})
     */
    public static AdminConnection open(AdminKitInfo info, AdminIdentity kit, Duration timeout)
            throws FlareException, InterruptedException {
        String scheme = info.scheme() == null ? "" : info.scheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "tcp":
                return openTcp(info.host(), info.port(), kit, timeout);
            case "http":
            case "https":
                return openHttp(info.host(), info.port(), kit, timeout);
            case "grpc":
                throw SessionErrors.connectionFailed(
                        "The native transport does not support the grpc scheme of this kit's fed_admin.json.",
                        "Use the CLI transport for this server, or a kit whose scheme is http or tcp.");
            default:
                throw FlareException.local(
                        ErrorCodes.KIT_INVALID,
                        "Unknown scheme '" + info.scheme() + "' in startup/fed_admin.json.",
                        "Use the admin startup kit exactly as provisioned by NVFlare (scheme http, tcp or grpc).");
        }
    }

    /** The {@code tcp} scheme: a TLS socket carrying SFM frames back to back. */
    static AdminConnection openTcp(String host, int port, AdminIdentity kit, Duration timeout)
            throws FlareException, InterruptedException {
        SSLSocket socket = null;
        try {
            socket = KitTls.configure(
                    (SSLSocket) KitTls.clientContext(kit).getSocketFactory().createSocket());
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            // Nagle's algorithm would hold a frame's last TLS record back until the server acknowledges the ones
            // before, which it delays: a 200 MB upload, one answer awaited per 1 MiB chunk, took 2.5-3.5x as long.
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            AdminConnection conn = handshake(
                    new SfmConnection(
                            socket.getInputStream(), socket.getOutputStream(), new SfmCodec(MAX_FRAME), socket),
                    host,
                    port);
            Interrupts.check(); // the socket ignores interrupts: one that came meanwhile shows only now
            return conn;
        } catch (IOException e) {
            closeQuietly(socket);
            Interrupts.rethrowIfInterrupt(e);
            throw failed(host, port, e);
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

    /**
     * The {@code http}/{@code https} scheme: a {@code wss://host:port/f3} websocket, one SFM frame per
     * binary message.
     */
    public static AdminConnection openHttp(String host, int port, AdminIdentity kit, Duration timeout)
            throws FlareException, InterruptedException {
        FrameChannel channel = null;
        try {
            channel = WebSocketDialer.open(host, port, kit, timeout, MAX_FRAME);
            AdminConnection conn = handshake(new SfmConnection(channel, new SfmCodec(MAX_FRAME)), host, port);
            Interrupts.check();
            return conn;
        } catch (WebSocketUpgradeException e) {
            throw SessionErrors.connectionFailed(
                    "The server at " + host + ":" + port + " refused FLARE's websocket (GET /" + WebSocketDialer.PATH
                            + "): " + e.getMessage() + ".",
                    "Check that fed_admin.json names the FLARE server's admin port and the scheme it listens with.");
        } catch (IOException e) {
            closeQuietly(channel);
            Interrupts.rethrowIfInterrupt(e);
            throw failed(host, port, e);
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

    private static AdminConnection handshake(SfmConnection conn, String host, int port)
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
                        conn, me, () -> UUID.randomUUID().toString(), AdminConnection::now, host + ":" + port));
    }

    /**
     * What a failure to connect means. Seen live (2.8.1, http): a kit whose client certificate and key come from
     * another project is refused by the server during the TLS handshake, which reaches us as "Broken pipe" or
     * "unexpected end of stream"; a kit of another project altogether fails our check of the server's certificate
     * (a PKIX path error). Both are said in FLARE's terms, without the TLS library's internals.
     */
    private static FlareException failed(String host, int port, IOException e) {
        if (e instanceof SSLException ssl) {
            return tlsFailed(host, port, ssl);
        }
        return closedWhileConnecting(e) ? certificateRefused(host, port) : cannotConnect(host, port, e);
    }

    private static FlareException tlsFailed(String host, int port, SSLException e) {
        if (causedBy(e, CertificateException.class) || causedBy(e, CertPathBuilderException.class)) {
            return SessionErrors.connectionFailed(
                    "TLS with the FLARE server at " + host + ":" + port
                            + " failed: its certificate was not issued by the kit's root CA (startup/rootCA.pem), so the kit"
                            + " belongs to another FLARE project than this server.",
                    OTHER_PROJECT_HINT);
        }
        String alert = String.valueOf(e.getMessage());
        if (REFUSED_ALERTS.stream().anyMatch(alert::contains)) {
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
                || message.contains("connection reset");
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
