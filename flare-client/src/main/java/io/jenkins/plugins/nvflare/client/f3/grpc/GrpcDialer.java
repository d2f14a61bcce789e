package io.jenkins.plugins.nvflare.client.f3.grpc;

import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.ConnectionSecurity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitHttp;
import io.jenkins.plugins.nvflare.client.f3.identity.KitTls;
import io.jenkins.plugins.nvflare.client.f3.identity.TlsPeer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * Opens FLARE's {@code grpc} scheme stream (drivers/grpc_driver.py {@code connect}: {@code StreamerStub.Stream}
 * on a secure channel with {@code get_grpc_client_credentials}, or an insecure one when the connection is clear):
 * {@code POST /streamer.Streamer/Stream} as one duplex HTTP/2 call of OkHttp, over TLS with ALPN {@code h2} (with
 * or without the kit's client certificate) or over cleartext HTTP/2 with prior knowledge. Each connection gets its
 * own OkHttp client, shut down when the channel closes.
 */
public final class GrpcDialer {
    /** The full method name of streamer.proto's only RPC. */
    public static final String PATH = "streamer.Streamer/Stream";

    private static final MediaType GRPC = MediaType.get("application/grpc");
    /** OkHttp refuses timeouts it cannot hold in an int of milliseconds. */
    private static final Duration LONGEST_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    private GrpcDialer() {}

    /**
     * @param timeout bounds connecting, the TLS handshake, the server's answer to the call, each write, and each
     *     later read unless the channel's read timeout is changed
     * @param maxFrame the largest incoming frame accepted
     */
    public static GrpcFrameChannel open(
            String host, int port, AdminIdentity kit, ConnectionSecurity security, Duration timeout, int maxFrame)
            throws IOException, GeneralSecurityException {
        return open(host, port, kit, security, timeout, maxFrame, new TlsPeer());
    }

    /** As above; {@code peer} gets the certificate the server presented in the TLS handshake. */
    public static GrpcFrameChannel open(
            String host,
            int port,
            AdminIdentity kit,
            ConnectionSecurity security,
            Duration timeout,
            int maxFrame,
            TlsPeer peer)
            throws IOException, GeneralSecurityException {
        SSLContext tls = KitTls.clientContext(kit, security);
        HttpUrl url = KitHttp.url(tls, host, port, PATH);
        Duration bounded = timeout.compareTo(LONGEST_TIMEOUT) > 0 ? LONGEST_TIMEOUT : timeout;
        // direct, as grpc_driver.py sets no proxy
        OkHttpClient.Builder builder = KitHttp.client(tls, kit, security, peer)
                // TLS: ALPN h2 (OkHttp wants http/1.1 listed too, and a server that picks it is no gRPC server);
                // clear: HTTP/2 from the first byte
                .protocols(
                        tls != null
                                ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1)
                                : List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        OkHttpClient client = builder.connectTimeout(bounded)
                .readTimeout(bounded)
                .writeTimeout(bounded)
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(chain -> {
                    if (chain.connection() != null) {
                        // as the other schemes: no Nagle delay on a frame's last bytes (uploads wait for an answer
                        // after every chunk)
                        chain.connection().socket().setTcpNoDelay(true);
                    }
                    return chain.proceed(chain.request());
                })
                .build();
        Runnable release = () -> {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        };
        CompletableFuture<BufferedSink> writable = new CompletableFuture<>();
        RequestBody body = new RequestBody() {
            @Override
            public MediaType contentType() {
                return GRPC;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public boolean isDuplex() {
                return true;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            /** Called once the request headers are out; the sink stays open for {@link GrpcFrameChannel#send}. */
            @Override
            public void writeTo(BufferedSink sink) {
                writable.complete(sink);
            }
        };
        Request request = new Request.Builder()
                .url(url)
                .header("te", "trailers") // gRPC over HTTP/2 requires it
                .header("grpc-accept-encoding", "identity")
                .header("accept-encoding", "identity") // no transparent gzip of the response by OkHttp
                .post(body)
                .build();
        GrpcFrameChannel channel = new GrpcFrameChannel(maxFrame, bounded, release);
        Call call = client.newCall(request);
        // The server answers only after our first frame (the SFM HELLO), so the call runs on OkHttp's thread and
        // this one waits just until the request body can be written.
        call.enqueue(new okhttp3.Callback() {
            @Override
            public void onResponse(Call c, okhttp3.Response response) {
                channel.onResponse(c, response);
            }

            @Override
            public void onFailure(Call c, IOException e) {
                writable.completeExceptionally(e);
                channel.onFailure(c, e);
            }
        });
        try {
            channel.opened(call, writable.get(Math.max(1, bounded.toMillis()), TimeUnit.MILLISECONDS));
            return channel;
        } catch (ExecutionException e) {
            call.cancel();
            channel.close();
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
        } catch (TimeoutException e) {
            call.cancel();
            channel.close();
            throw new SocketTimeoutException(
                    "no gRPC stream to " + host + ":" + port + " within " + bounded.toMillis() + " ms");
        } catch (InterruptedException e) {
            call.cancel();
            channel.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening the gRPC stream");
        }
    }
}
