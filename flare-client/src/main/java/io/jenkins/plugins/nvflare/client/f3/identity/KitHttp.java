package io.jenkins.plugins.nvflare.client.f3.identity;

import java.io.IOException;
import java.net.Proxy;
import java.util.List;
import javax.net.ssl.SSLContext;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.TlsVersion;

/**
 * The HTTP side of the kit's TLS, shared by the drivers that run on OkHttp (websocket for {@code http}, HTTP/2 for
 * {@code grpc}): the server's URL and an OkHttp client set up as {@link KitTls} sets up a socket.
 */
public final class KitHttp {

    private KitHttp() {}

    /** {@code https://host:port/path}, or {@code http://} when {@code tls} is null (connection_security clear). */
    public static HttpUrl url(SSLContext tls, String host, int port, String path) throws IOException {
        try {
            return new HttpUrl.Builder()
                    .scheme(tls == null ? "http" : "https")
                    .host(host)
                    .port(port)
                    .addPathSegments(path)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid server address " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * A client builder that connects directly (a JVM-wide proxy setting on the agent must not route the admin's
     * connection elsewhere: FLARE's clients set none) with {@code tls}, or in clear when it is null. Host names are not
     * checked (net_utils.py check_hostname = False): trust is the pinned project root CA plus the server's identity
     * challenge at login, to which {@code peer} binds the certificate the server presents.
     */
    public static OkHttpClient.Builder client(
            SSLContext tls, AdminIdentity kit, ConnectionSecurity security, TlsPeer peer)
            throws java.security.GeneralSecurityException {
        OkHttpClient.Builder builder = new OkHttpClient.Builder().proxy(Proxy.NO_PROXY);
        if (tls == null) {
            return builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        return builder.sslSocketFactory(tls.getSocketFactory(), KitTls.trustManager(kit.serverTrust(security)))
                .hostnameVerifier((hostname, session) -> peer.record(session))
                .connectionSpecs(List.of(new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS)
                        .tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2)
                        .build()));
    }
}
