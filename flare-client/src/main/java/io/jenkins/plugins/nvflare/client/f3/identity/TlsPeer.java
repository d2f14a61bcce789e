package io.jenkins.plugins.nvflare.client.f3.identity;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The certificate the server presented in one connection's TLS handshake, kept so that the login can check it is the
 * certificate the server proves in its identity challenge ({@code ServerChallenge}): another participant of the same
 * project (same root CA) cannot then relay the connection. Filled by the driver once its handshake is done.
 */
public final class TlsPeer {
    private volatile X509Certificate certificate;

    /** Keeps the server's leaf certificate of a finished handshake; true, so it can stand as a host-name verifier. */
    public boolean record(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                certificate = leaf;
            }
        } catch (SSLPeerUnverifiedException e) {
            certificate = null; // no certificate: nothing to bind, and TLS itself refused an unverified server
        }
        return true;
    }

    /** The server's TLS certificate, or null (no TLS, or none recorded). */
    public X509Certificate certificate() {
        return certificate;
    }
}
