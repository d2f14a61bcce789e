package io.jenkins.plugins.nvflare.client.f3.identity;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS as FLARE's drivers set it up (nvflare/fuel/f3/drivers/net_utils.py get_ssl_context): TLS 1.2 or
 * newer, peers verified against the project root CA only, our certificate presented for mutual TLS,
 * and no host-name check ({@code check_hostname = False}) — the server's identity is proven by the
 * identity challenge instead (see {@code ServerChallenge}).
 */
public final class KitTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private KitTls() {}

    /** The protocol versions FLARE's peers may use (a copy: callers may change theirs). */
    public static String[] protocols() {
        return PROTOCOLS.clone();
    }

    /** A client context from the kit (client.key + client.crt, trusting rootCA.pem). */
    public static SSLContext clientContext(AdminIdentity kit) throws GeneralSecurityException {
        return context(kit.privateKey(), List.of(kit.certificate()), kit.rootCertificates());
    }

    /**
     * The client context for the kit's connection security (net_utils.py get_ssl_context, client side):
     * {@link ConnectionSecurity#MTLS} as {@link #clientContext(AdminIdentity)}; {@link ConnectionSecurity#TLS}
     * without a client certificate, trusting {@link AdminIdentity#serverTrust}; {@link ConnectionSecurity#CLEAR}
     * none (null).
     */
    public static SSLContext clientContext(AdminIdentity kit, ConnectionSecurity security)
            throws GeneralSecurityException {
        return switch (security) {
            case MTLS -> clientContext(kit);
            case TLS -> context(null, List.of(), kit.serverTrust(security));
            case CLEAR -> null;
        };
    }

    /**
     * @param key our private key, or null for one-way TLS
     * @param chain our certificate chain (leaf first)
     * @param trusted the only certificates accepted as trust anchors for the peer
     */
    public static SSLContext context(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> trusted)
            throws GeneralSecurityException {
        // The key goes to TLS as it is: a PKCS12 key store would encrypt it and the key manager factory decrypt
        // it again, with PBKDF2 each time, on every connection.
        KeyManager[] keys = key == null ? null : new KeyManager[] {new KitKeyManager(key, chain)};
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys, new TrustManager[] {trustManager(trusted)}, null);
        return ctx;
    }

    /** A PKIX trust manager whose only anchors are {@code trusted} (OkHttp wants it next to the socket factory). */
    public static X509TrustManager trustManager(List<X509Certificate> trusted) throws GeneralSecurityException {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                anchors.setCertificateEntry("root-" + i, trusted.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new GeneralSecurityException("the PKIX trust manager factory made no X509TrustManager");
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the TLS trust store: " + e.getMessage(), e);
        }
    }

    /** Restricts a socket to FLARE's minimum protocol version. */
    public static SSLSocket configure(SSLSocket socket) {
        socket.setEnabledProtocols(protocols());
        return socket;
    }
}
