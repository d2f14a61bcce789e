package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * An admin cell's connection to the server over the {@code tcp} scheme (drivers/tcp_driver.py: TLS
 * socket, SFM frames back to back): mutual TLS with the kit, HELLO/READY as {@code _admin_<uuid4>},
 * then a {@link CellRequester} for login and commands. The {@code http} (websocket) scheme will reuse
 * everything above the socket once OkHttp is available.
 */
final class AdminConnection implements Closeable {
    private static final String HINT = "Check the server address in fed_admin.json and that the server is running.";
    private static final int MAX_FRAME = 64 * 1024 * 1024;

    private final SSLSocket socket;
    private final CellRequester cell;

    private AdminConnection(SSLSocket socket, CellRequester cell) {
        this.socket = socket;
        this.cell = cell;
    }

    CellRequester cell() {
        return cell;
    }

    /**
     * @param timeout connect timeout and the read timeout of every request
     */
    static AdminConnection openTcp(String host, int port, KitCredentials kit, Duration timeout) throws FlareException {
        SSLSocket socket = null;
        try {
            socket = KitTls.configure((SSLSocket) KitTls.clientContext(kit).getSocketFactory().createSocket());
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            socket.startHandshake();
            SfmConnection conn = new SfmConnection(socket.getInputStream(), socket.getOutputStream(),
                    new SfmCodec(MAX_FRAME), socket);
            String me = AdminCellName.random();
            SfmHandshake peer = conn.connect(new SfmHandshake(me, now(), Map.of()));
            if (!CellHeaders.SERVER.equals(peer.endpointName())) {
                throw FlareException.local(ErrorCodes.CONNECTION_FAILED, "Expected the FLARE server at " + host + ":" + port
                        + " but the peer calls itself '" + peer.endpointName() + "'.", HINT);
            }
            return new AdminConnection(socket, new CellRequester(conn, me, () -> UUID.randomUUID().toString(),
                    AdminConnection::now));
        } catch (SSLException e) {
            closeQuietly(socket);
            throw FlareException.local(ErrorCodes.CONNECTION_FAILED, "TLS with the FLARE server at " + host + ":" + port
                    + " failed: " + e.getMessage(), "Check that the kit belongs to this FLARE project and server.");
        } catch (IOException | GeneralSecurityException e) {
            closeQuietly(socket);
            throw FlareException.local(ErrorCodes.CONNECTION_FAILED, "Cannot connect to the FLARE server at " + host + ":"
                    + port + ": " + e.getMessage(), HINT);
        } catch (FlareException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private static double now() {
        return Instant.now().toEpochMilli() / 1000.0;
    }

    private static void closeQuietly(SSLSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing; the original error is what the user needs
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
