package io.jenkins.plugins.nvflare.client.f3.testing;

import io.jenkins.plugins.nvflare.client.f3.identity.ConnectionSecurity;
import io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import io.jenkins.plugins.nvflare.client.f3.ws.WebSocketInbox;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;
import okhttp3.WebSocket;

/**
 * The transport half of FLARE's {@code http} scheme as aio_http_driver.py sets it up, on OkHttp's
 * MockWebServer: TLS on loopback with a required client certificate, {@code GET /f3} upgraded to a
 * websocket (anything else 404, like aiohttp's router). Any number of upgrades, taken in order: the test
 * drives the SFM side of each through {@link #accept(Duration)}, e.g. with
 * {@link FakeFlareServer#serveOn(SfmConnection)}.
 */
public final class FakeWebSocketServer implements AutoCloseable {
    /** Room for a 1 MiB upload chunk plus headers, as FakeFlareServer's codec. */
    private static final int MAX_FRAME = 8 << 20;

    private final MockWebServer server = new MockWebServer();
    /** One inbox per upgrade, in the order the client's websockets arrived, until {@link #accept} takes it. */
    private final BlockingQueue<WebSocketInbox> upgrades = new LinkedBlockingQueue<>();

    private volatile WebSocketInbox current;

    /** @param servesF3 false for an HTTPS server without FLARE's websocket route (every request 404) */
    public FakeWebSocketServer(SSLContext tls, boolean servesF3) throws IOException {
        this(tls, servesF3, ConnectionSecurity.MTLS);
    }

    /**
     * @param security as FLARE's aiohttp listener: TLS requiring a client certificate ({@code mtls}), TLS without
     *     asking for one ({@code tls}), or plain HTTP ({@code clear}, {@code tls} unused)
     */
    public FakeWebSocketServer(SSLContext tls, boolean servesF3, ConnectionSecurity security) throws IOException {
        if (security != ConnectionSecurity.CLEAR) {
            server.useHttps(tls.getSocketFactory());
        }
        // aiohttp serves HTTP/1.1 only (ALPN offers no h2)
        server.setProtocols(List.of(Protocol.HTTP_1_1));
        if (security == ConnectionSecurity.MTLS) {
            server.requireClientAuth();
        } else {
            server.noClientAuth();
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!servesF3 || !"/f3".equals(request.getUrl().encodedPath())) {
                    return new MockResponse.Builder()
                            .code(404)
                            .body("404: Not Found")
                            .build();
                }
                WebSocketInbox inbox = new WebSocketInbox(MAX_FRAME);
                upgrades.add(inbox);
                return new MockResponse.Builder().webSocketUpgrade(inbox).build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    public int port() {
        return server.getPort();
    }

    /** The upgrade request the client sent. */
    public RecordedRequest request() throws InterruptedException {
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new IllegalStateException("no request within 10 s");
        }
        return r;
    }

    /** The server side of the websocket last accepted, once it is open. */
    public WebSocket awaitWebSocket(Duration timeout) throws IOException {
        return current.awaitOpen(timeout);
    }

    /** The server's raw frame channel over the client's next websocket, once it is open. */
    public FrameChannel acceptChannel(Duration timeout) throws IOException {
        WebSocketInbox inbox;
        try {
            inbox = upgrades.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a websocket");
        }
        if (inbox == null) {
            throw new SocketTimeoutException("no websocket upgrade within " + timeout.toMillis() + " ms");
        }
        current = inbox;
        return new OkHttpWebSocketChannel(inbox.awaitOpen(timeout), inbox, timeout, () -> {});
    }

    /** The server's SFM connection over the client's next websocket (the handshake is still to be done). */
    public SfmConnection accept(Duration timeout) throws IOException {
        return new SfmConnection(acceptChannel(timeout), new SfmCodec(MAX_FRAME));
    }

    @Override
    public void close() {
        server.close();
    }
}
