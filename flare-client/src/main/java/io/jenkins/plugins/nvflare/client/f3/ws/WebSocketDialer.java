package io.jenkins.plugins.nvflare.client.f3.ws;

import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitTls;
import java.io.IOException;
import java.net.Proxy;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.TlsVersion;
import okhttp3.WebSocket;

/**
 * Opens the websocket of FLARE's {@code http}/{@code https} scheme (drivers/aio_http_driver.py):
 * {@code wss://host:port/f3} with the kit's mutual TLS. Each connection gets its own OkHttp client,
 * shut down when the channel closes, so nothing outlives the connection and nothing is shared.
 */
public final class WebSocketDialer {
    /** aio_http_driver.py WS_PATH: the server routes only GET /f3 to its websocket handler. */
    public static final String PATH = "f3";
    static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";
    /** OkHttp refuses timeouts it cannot hold in an int of milliseconds. */
    private static final Duration LONGEST_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    private WebSocketDialer() {}

    /**
     * @param timeout bounds connecting, the TLS and websocket handshakes, and every later read
     * @param maxFrame the largest incoming message accepted
     * @throws WebSocketUpgradeException when the server answers the upgrade with an HTTP error
     */
    public static WebSocketFrameChannel open(String host, int port, AdminIdentity kit, Duration timeout, int maxFrame)
            throws IOException, GeneralSecurityException {
        // wss even for the "http" scheme: the admin cell is secure unless connection_security is clear
        // (api.py:397-403), and aio_http_driver.py:140 then picks wss.
        HttpUrl url;
        try {
            url = new HttpUrl.Builder().scheme("https").host(host).port(port).addPathSegment(PATH).build();
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid server address " + host + ":" + port + ": " + e.getMessage(), e);
        }
        Duration bounded = timeout.compareTo(LONGEST_TIMEOUT) > 0 ? LONGEST_TIMEOUT : timeout;
        OkHttpClient client = new OkHttpClient.Builder()
                // Direct, like FLARE's aiohttp client (trust_env=False, aio_http_driver.py:143): a JVM-wide
                // proxy setting on the agent must not route the admin's mutual-TLS connection elsewhere.
                .proxy(Proxy.NO_PROXY)
                .sslSocketFactory(KitTls.clientContext(kit).getSocketFactory(), KitTls.trustManager(kit.rootCertificates()))
                // net_utils.py:112 check_hostname = False: trust is the pinned project root CA plus the
                // server's identity challenge, and kits often name the server by an address not in its certificate.
                .hostnameVerifier((hostname, session) -> true)
                .connectionSpecs(List.of(new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
                        .tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2)
                        .build()))
                .connectTimeout(bounded)
                .readTimeout(bounded)
                .writeTimeout(bounded)
                .retryOnConnectionFailure(false)
                // No permessage-deflate: job chunks are zips of often incompressible files, and compressing them
                // costs both sides far more CPU than loopback or LAN bandwidth saves. OkHttp always offers the
                // extension, so the offer is taken out of the upgrade request; nothing is then compressed in
                // either direction, and the size threshold keeps it so should a server impose it anyway.
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().removeHeader(EXTENSIONS_HEADER).build()))
                .minWebSocketMessageToCompress(Long.MAX_VALUE)
                .build();
        Runnable release = () -> {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        };
        WebSocketInbox inbox = new WebSocketInbox(maxFrame);
        WebSocket webSocket = client.newWebSocket(new Request.Builder().url(url).build(), inbox);
        try {
            inbox.awaitOpen(bounded);
        } catch (IOException | RuntimeException e) {
            webSocket.cancel();
            release.run();
            throw e;
        }
        return new WebSocketFrameChannel(webSocket, inbox, bounded, release);
    }
}
