package io.jenkins.plugins.nvflare.client.f3.session;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.cell.SessionErrors;
import io.jenkins.plugins.nvflare.client.f3.identity.KitCrypto;
import io.jenkins.plugins.nvflare.client.f3.identity.PssSignatures;
import io.jenkins.plugins.nvflare.client.f3.msgpack.Fobs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage one of the admin login, the server's side of the identity challenge
 * (nvflare/private/fed/authenticator.py _challenge_server, utils/identity_utils.py IdentityVerifier):
 * the client sends its CN and a fresh nonce; the server answers with its own nonce, its certificate,
 * its CN and a signature over {@code server_cn + client_nonce}, all of which must check out before
 * the client signs anything for it.
 */
final class ServerChallenge {
    static final String KEY_CN = "cn";
    static final String KEY_NONCE = "nonce";
    static final String KEY_CERT = "cert";
    static final String KEY_SIGNATURE = "signature";
    private static final String SERVER_AUTH_EKU = "1.3.6.1.5.5.7.3.1";
    private static final String HINT = "Check that the kit belongs to this FLARE project and server.";

    /** A server that proved its identity: its nonce (to sign during registration) and certificate (to verify tokens). */
    record Verified(String serverNonce, X509Certificate serverCertificate) {}

    private ServerChallenge() {}

    /** Headers of the challenge request on channel "task", topic "challenge" (no payload). */
    static Map<String, Object> requestHeaders(String userCn, String clientNonce) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(KEY_CN, userCn);
        h.put(KEY_NONCE, clientNonce);
        return h;
    }

    /**
     * Verifies the decoded challenge reply payload (a fobs Shareable or plain map).
     *
     * @param expectedServerIdentity {@code server_identity} from fed_admin.json
     * @param roots the kit's rootCA.pem certificates
     */
    static Verified verifyReply(
            Object payload, String clientNonce, String expectedServerIdentity, List<X509Certificate> roots, Instant now)
            throws FlareException {
        if (!(Fobs.unwrap(payload) instanceof Map<?, ?> reply)) {
            throw fail("the server's challenge reply has no data");
        }
        String serverCn = string(reply, KEY_CN);
        String serverNonce = string(reply, KEY_NONCE);
        byte[] certBytes = bytes(reply, KEY_CERT);
        byte[] signature = bytes(reply, KEY_SIGNATURE);
        if (!expectedServerIdentity.equals(serverCn)) {
            throw fail("expected server identity is '" + expectedServerIdentity + "' but got '" + serverCn + "'");
        }
        List<X509Certificate> chain = parseChain(certBytes);
        X509Certificate serverCert = chain.get(0);
        validateChain(chain, roots, now);
        checkUsage(serverCert);
        if (!serverCn.equals(KitCrypto.commonName(serverCert))) {
            throw fail("the server certificate's CN does not match the asserted server identity '" + serverCn + "'");
        }
        boolean signed;
        try {
            signed = PssSignatures.verify(
                    serverCert.getPublicKey(), (serverCn + clientNonce).getBytes(StandardCharsets.UTF_8), signature);
        } catch (GeneralSecurityException e) {
            signed = false;
        }
        if (!signed) {
            throw fail("the server's signature over its identity and our nonce is invalid");
        }
        return new Verified(serverNonce, serverCert);
    }

    /**
     * The server proved the certificate its TLS presented (same public key): otherwise another participant of the
     * project, whose certificate the same root CA signed, ended the TLS and relays the login to the real server.
     * {@code tlsCertificate} null: nothing to bind (no TLS, or TLS that may end before the server).
     */
    static void requireTlsPeer(Verified server, X509Certificate tlsCertificate) throws FlareException {
        if (tlsCertificate != null
                && !tlsCertificate
                        .getPublicKey()
                        .equals(server.serverCertificate().getPublicKey())) {
            throw SessionErrors.authFailed(
                    "Server identity check failed: the TLS connection is to '" + KitCrypto.commonName(tlsCertificate)
                            + "', not to the server '" + KitCrypto.commonName(server.serverCertificate())
                            + "' that answered the login challenge; another participant of the project may be relaying"
                            + " the connection.",
                    "Check that fed_admin.json names the FLARE server's own address and admin port, not a site or"
                            + " a proxy that ends TLS.");
        }
    }

    private static List<X509Certificate> parseChain(byte[] pem) throws FlareException {
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                chain.add((X509Certificate) c);
            }
            if (chain.isEmpty()) {
                throw fail("the server sent no certificate");
            }
            return chain;
        } catch (CertificateException e) {
            throw fail("the server sent an invalid certificate: " + e.getMessage());
        }
    }

    /** PKIX path to the project root, at {@code now}, no revocation (FLARE has none either). */
    private static void validateChain(List<X509Certificate> chain, List<X509Certificate> roots, Instant now)
            throws FlareException {
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate root : roots) {
                anchors.add(new TrustAnchor(root, null));
            }
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), params);
        } catch (GeneralSecurityException e) {
            throw fail("the server certificate is not valid for this project's root CA: " + e.getMessage());
        }
    }

    /** Legacy certificates may lack the extensions; when present they must allow signing and serverAuth. */
    private static void checkUsage(X509Certificate cert) throws FlareException {
        boolean[] keyUsage = cert.getKeyUsage();
        if (keyUsage != null && !keyUsage[0]) {
            throw fail("the server certificate's keyUsage does not allow digitalSignature");
        }
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku != null && !eku.contains(SERVER_AUTH_EKU)) {
                throw fail("the server certificate's extendedKeyUsage does not allow serverAuth");
            }
        } catch (CertificateParsingException e) {
            throw fail("the server certificate's extendedKeyUsage cannot be read: " + e.getMessage());
        }
    }

    private static String string(Map<?, ?> reply, String key) throws FlareException {
        if (reply.get(key) instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw fail("the server's challenge reply lacks '" + key + "'");
    }

    private static byte[] bytes(Map<?, ?> reply, String key) throws FlareException {
        Object v = reply.get(key);
        if (v instanceof byte[] b && b.length > 0) {
            return b;
        }
        if (v instanceof String s && !s.isEmpty()) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw fail("the server's challenge reply lacks '" + key + "'");
    }

    private static FlareException fail(String message) {
        return SessionErrors.authFailed("Server identity check failed: " + message, HINT);
    }
}
