package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Reads the PEM files of a startup kit into JDK key and certificate objects; bad files give KIT_INVALID. */
final class KitCrypto {
    private KitCrypto() {}

    /**
     * Reads an unencrypted RSA private key: PKCS#1 ("BEGIN RSA PRIVATE KEY", what NVFlare provisions)
     * or PKCS#8 ("BEGIN PRIVATE KEY").
     *
     * @param source file name for error messages, e.g. "startup/client.key"
     */
    static PrivateKey privateKey(String pem, String source) throws FlareException {
        List<PemBlock> blocks = blocks(pem, source);
        for (PemBlock block : blocks) {
            if (block.encrypted()) {
                throw invalid(source + " holds an encrypted private key; NVFlare kits use unencrypted keys", null);
            }
            byte[] pkcs8 = switch (block.label()) {
                case "RSA PRIVATE KEY" -> Pkcs8.wrapRsa(block.der());
                case "PRIVATE KEY" -> block.der();
                default -> null;
            };
            if (pkcs8 != null) {
                try {
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                } catch (GeneralSecurityException e) {
                    throw invalid(source + " is not a valid RSA private key: " + e.getMessage(), e);
                }
            }
        }
        throw invalid(source + " has no RSA private key (expected -----BEGIN RSA PRIVATE KEY-----)", null);
    }

    /** Every certificate in a PEM file, in order (rootCA.pem may hold a chain). */
    static List<X509Certificate> certificates(String pem, String source) throws FlareException {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlock block : blocks(pem, source)) {
                if (block.label().equals("CERTIFICATE")) {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw invalid(source + " holds an invalid certificate: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw invalid(source + " has no certificate (expected -----BEGIN CERTIFICATE-----)", null);
        }
        return certs;
    }

    /** The first certificate of a PEM file (client.crt has exactly one). */
    static X509Certificate certificate(String pem, String source) throws FlareException {
        return certificates(pem, source).get(0);
    }

    /**
     * The subject CN: the admin user name NVFlare signs with ({@code IdentityAsserter.cn}, e.g.
     * {@code admin@nvidia.com}) and the server identity it checks.
     */
    static String commonName(X509Certificate cert) throws FlareException {
        try {
            LdapName name = new LdapName(cert.getSubjectX500Principal().getName("RFC2253"));
            // RFC 2253 lists the most specific RDN last; the CN NVFlare reads is the only one anyway.
            for (int i = name.size() - 1; i >= 0; i--) {
                Rdn rdn = name.getRdns().get(i);
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw invalid("certificate subject cannot be parsed: " + e.getMessage(), e);
        }
        throw invalid("certificate subject has no CN: " + cert.getSubjectX500Principal(), null);
    }

    private static List<PemBlock> blocks(String pem, String source) throws FlareException {
        try {
            return PemBlock.parse(pem);
        } catch (IllegalArgumentException e) {
            throw invalid(source + " is not valid PEM: " + e.getMessage(), e);
        }
    }

    private static FlareException invalid(String message, Throwable cause) {
        return new FlareException(ErrorCodes.KIT_INVALID, message,
                "Use the admin startup kit exactly as provisioned by NVFlare.", ExitCodes.LOCAL, Map.of(), cause);
    }
}
