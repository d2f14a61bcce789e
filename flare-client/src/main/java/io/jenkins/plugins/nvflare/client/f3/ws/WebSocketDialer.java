package io.jenkins.plugins.nvflare.client.f3.ws;

import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.ConnectionSecurity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitHttp;
import io.jenkins.plugins.nvflare.client.f3.identity.KitTls;
import io.jenkins.plugins.nvflare.client.f3.identity.TlsPeer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Opens the websocket of FLARE's {@code http}/{@code https} scheme (drivers/aio_http_driver.py):
 * {@code wss://host:port/f3} with the kit's mutual TLS. OkHttp makes the connection and the HTTP upgrade
 * (RFC 6455 §4, no extensions offered: no permessage-deflate, whose compression of job chunks that are mostly
 * incompressible cost both sides far more CPU than it saves); the frames are this package's own
 * ({@link WebSocketFrames}). Each connection gets its own OkHttp client, shut down when the channel closes, so
 * nothing outlives the connection and nothing is shared.
 */
public final class WebSocketDialer {
    /** aio_http_driver.py WS_PATH: the server routes only GET /f3 to its websocket handler. */
    public static final String PATH = "f3";
    /** OkHttp refuses timeouts it cannot hold in an int of milliseconds. */
    private static final Duration LONGEST_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);
    /** The handshake keys' source: one generator, seeded once and safe to share between threads. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebSocketDialer() {}

    /**
     * @param timeout bounds connecting, the TLS and websocket handshakes, and every later read
     * @param maxFrame the largest incoming message accepted
     * @throws WebSocketUpgradeException when the server answers the upgrade with an HTTP error
     */
    public static WebSocketFrameChannel open(String host, int port, AdminIdentity kit, Duration timeout, int maxFrame)
            throws IOException, GeneralSecurityException {
        return open(host, port, kit, ConnectionSecurity.MTLS, timeout, maxFrame);
    }

    /**
     * As {@link #open(String, int, AdminIdentity, Duration, int)}, secured as the kit says: {@code wss://} with the
     * kit's certificate ({@code mtls}) or without one ({@code tls}), {@code ws://} for {@code clear}.
     */
    public static WebSocketFrameChannel open(
            String host, int port, AdminIdentity kit, ConnectionSecurity security, Duration timeout, int maxFrame)
            throws IOException, GeneralSecurityException {
        return open(host, port, kit, security, timeout, maxFrame, new TlsPeer());
    }

    /** As above; {@code peer} gets the certificate the server presented in the TLS handshake. */
    public static WebSocketFrameChannel open(
            String host,
            int port,
            AdminIdentity kit,
            ConnectionSecurity security,
            Duration timeout,
            int maxFrame,
            TlsPeer peer)
            throws IOException, GeneralSecurityException {
        // wss even for the "http" scheme: the admin cell is secure unless connection_security is clear
        // (api.py:397-403), and aio_http_driver.py:140 then picks wss; ws when clear (no SSL context).
        SSLContext tls = KitTls.clientContext(kit, security);
        HttpUrl url = KitHttp.url(tls, host, port, PATH);
        Duration bounded = timeout.compareTo(LONGEST_TIMEOUT) > 0 ? LONGEST_TIMEOUT : timeout;
        AtomicReference<Socket> tlsSocket = new AtomicReference<>();
        // direct, like FLARE's aiohttp client (trust_env=False, aio_http_driver.py:143)
        OkHttpClient.Builder builder = KitHttp.client(tls, kit, security, peer);
        OkHttpClient client = builder.connectTimeout(bounded)
                .readTimeout(bounded)
                .writeTimeout(bounded)
                .retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_1_1)) // the upgrade is HTTP/1.1 (RFC 6455 §4.1)
                // the TLS socket itself, for the frames to be written to it directly (WebSocketFrameChannel)
                .addNetworkInterceptor(chain -> {
                    if (chain.connection() != null) {
                        Socket socket = chain.connection().socket();
                        // Nagle's algorithm would hold a frame's last TLS record back until the server acknowledges
                        // the ones before, which it delays: uploads wait for an answer after every 1 MiB chunk.
                        socket.setTcpNoDelay(true);
                        tlsSocket.set(socket);
                    }
                    return chain.proceed(chain.request());
                })
                .build();
        Runnable release = () -> {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        };
        String key = Base64.getEncoder().encodeToString(randomBytes(16));
        Request upgrade = new Request.Builder()
                .url(url)
                .header("Connection", "Upgrade")
                .header("Upgrade", "websocket")
                .header("Sec-WebSocket-Key", key)
                .header("Sec-WebSocket-Version", "13")
                .build();
        Response response;
        try {
            response = client.newCall(upgrade).execute();
        } catch (IOException | RuntimeException e) {
            release.run();
            throw e;
        }
        // Each read once: the checks below and the channel then see the same connection.
        okio.Socket upgraded = response.socket();
        Socket socket = tlsSocket.get();
        OutputStream out;
        try {
            if (response.code() != 101) {
                throw new WebSocketUpgradeException(response.code(), response.message(), null);
            }
            if (!"websocket".equalsIgnoreCase(response.header("Upgrade"))
                    || !accept(key).equals(response.header("Sec-WebSocket-Accept"))
                    || upgraded == null
                    || socket == null) {
                throw new IOException("the server at " + host + ":" + port + " answered GET /" + PATH
                        + " with 101 but not with a websocket upgrade");
            }
            out = socket.getOutputStream();
        } catch (IOException e) {
            response.close();
            release.run();
            throw e;
        }
        return new WebSocketFrameChannel(upgraded, out, maxFrame, bounded, bounded, release);
    }

    /** RFC 6455 §4.2.2: base64(SHA-1(key + GUID)). */
    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
